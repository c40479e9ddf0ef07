import "server-only";

export type StatementBatcher<I, O> = (input: I) => Promise<O>;

type Waiting<I, O> = { input: I; resolve(output: O): void; reject(error: unknown): void };

/**
 * Group commit for a hot-path statement. Normally one statement of this kind is out per process: an input that
 * arrives while one is out waits for it and then goes with everything else that arrived meanwhile, as one
 * statement, one round trip and one commit. Alone (a quiet moment) it goes at once through `one`, so batching
 * adds no latency when there is nothing to batch; under load it turns N round trips into one.
 *
 * A statement can stall (waiting for a row lock another transaction holds, say on one workspace): once the
 * newest statement has been out for `stallMs`, the next batch goes beside it, up to `maxInFlight` at a time, so
 * one slow row never holds up everyone else's requests for long.
 *
 * `many` must answer every input in order and be all-or-nothing (one transaction). When it fails (one bad row,
 * or a deadlock with another instance's statement), each input is retried alone through `one`, so every caller
 * gets its own answer or its own error.
 */
export function createStatementBatcher<I, O>(options: {
  maxBatch: number;
  one(input: I): Promise<O>;
  many(inputs: I[]): Promise<O[]>;
  stallMs?: number;
  maxInFlight?: number;
}): StatementBatcher<I, O> {
  const { maxBatch, stallMs = 50, maxInFlight = 4 } = options;
  const waiting: Waiting<I, O>[] = [];
  let inFlight = 0;
  let lastSentAt = 0;
  let recheck: NodeJS.Timeout | undefined;

  async function send(batch: Waiting<I, O>[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const outputs = await options.many(batch.map((w) => w.input));
        batch.forEach((w, i) => w.resolve(outputs[i]!));
        return;
      } catch {
        // Fall through: each alone.
      }
    }
    await Promise.all(
      batch.map(async (w) => {
        try {
          w.resolve(await options.one(w.input));
        } catch (error) {
          w.reject(error);
        }
      }),
    );
  }

  function sendNext(): void {
    while (waiting.length > 0) {
      if (inFlight >= maxInFlight) return; // a statement coming back sends the next
      if (inFlight > 0) {
        const outFor = Date.now() - lastSentAt;
        if (outFor < stallMs) {
          recheck ??= setTimeout(() => {
            recheck = undefined;
            sendNext();
          }, stallMs - outFor);
          recheck.unref();
          return;
        }
      }
      inFlight++;
      lastSentAt = Date.now();
      void send(waiting.splice(0, maxBatch)).finally(() => {
        inFlight--;
        sendNext();
      });
    }
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      sendNext();
    });
}
