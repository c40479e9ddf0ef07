import "server-only";

export type StatementBatcher<I, O> = (input: I) => Promise<O>;

type Waiting<I, O> = { input: I; resolve(output: O): void; reject(error: unknown): void };

/**
 * Group commit for a hot-path statement. At most one statement of this kind is out per process: an input that
 * arrives while one is out waits for it and then goes with everything else that arrived meanwhile, as one
 * statement, one round trip and one commit. Alone (a quiet moment) it goes at once through `one`, so batching
 * adds no latency when there is nothing to batch; under load it turns N round trips into one.
 *
 * `many` must answer every input in order and be all-or-nothing (one transaction). When it fails (one bad row,
 * or a deadlock with another instance's statement), each input is retried alone through `one`, so every caller
 * gets its own answer or its own error.
 */
export function createStatementBatcher<I, O>(options: {
  maxBatch: number;
  one(input: I): Promise<O>;
  many(inputs: I[]): Promise<O[]>;
}): StatementBatcher<I, O> {
  const waiting: Waiting<I, O>[] = [];
  let sending = false;

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
    if (sending || waiting.length === 0) return;
    sending = true;
    const batch = waiting.splice(0, options.maxBatch);
    void send(batch).finally(() => {
      sending = false;
      sendNext();
    });
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      sendNext();
    });
}
