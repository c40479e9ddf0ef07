// Each open EventSource holds a connection, and over HTTP/1.1 a browser allows six per server: a handful of
// running edits must not leave none for uploads, actions and thumbnails. Streams beyond the cap wait their
// turn (oldest job first) and then resume from their last event, so nothing is missed, only delayed.
const MAX_STREAMS = 3;

type Entry = { order: string; state: "waiting" | "active" | "done"; start(): void };

let active = 0;
const waiting: Entry[] = [];

function drain(): void {
  while (active < MAX_STREAMS && waiting.length > 0) {
    const entry = waiting.shift()!;
    entry.state = "active";
    active += 1;
    entry.start();
  }
}

/** Calls `start` when a stream may open (sooner for a smaller `order`); the returned function gives the slot back. */
export function acquireStreamSlot(order: string, start: () => void): () => void {
  const entry: Entry = { order, state: "waiting", start };
  waiting.push(entry);
  waiting.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  drain();
  return () => {
    if (entry.state === "active") {
      active -= 1;
      entry.state = "done";
      drain();
    } else if (entry.state === "waiting") {
      entry.state = "done";
      waiting.splice(waiting.indexOf(entry), 1);
    }
  };
}
