import "server-only";

// Archiving decodes and re-encodes images: a few at a time per process, so a burst of API calls with images
// can't starve the request path of CPU or memory.
const MAX_RUNNING = 2;
let running = 0;
const waiting: (() => Promise<void>)[] = [];

function next(): void {
  while (running < MAX_RUNNING && waiting.length > 0) {
    const task = waiting.shift()!;
    running++;
    void task().finally(() => {
      running--;
      next();
    });
  }
}

export function runArchiveTask(task: () => Promise<void>): void {
  waiting.push(task);
  next();
}

/** Resolves when no archive task is running or waiting (tests, graceful shutdown). */
export async function archiveIdle(): Promise<void> {
  while (running > 0 || waiting.length > 0) await new Promise((r) => setTimeout(r, 20));
}
