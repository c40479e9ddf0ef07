import "server-only";
import { env } from "@/lib/env";

// Archiving fetches, decodes, re-encodes and stores images. Most of a task is waiting (the result's origin,
// storage, the database) and the decoding runs on libuv's threadpool, so enough run at once to keep up with
// thousands of long calls ending together; still a bound (ARCHIVE_CONCURRENCY), so a burst of API calls with
// images can't take all the memory the request path needs.
let running = 0;
const waiting: (() => Promise<void>)[] = [];

function next(): void {
  while (running < env.ARCHIVE_CONCURRENCY && waiting.length > 0) {
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
