import type { RelayOutcome } from "./relay-types";

/** The outcome promise: resolved exactly once (the first settle wins), never rejected, so settlement always runs. */
export function createOutcomeLatch(): { promise: Promise<RelayOutcome>; settle(outcome: RelayOutcome): void } {
  let resolve!: (outcome: RelayOutcome) => void;
  let settled = false;
  const promise = new Promise<RelayOutcome>((r) => (resolve = r));
  return {
    promise,
    settle(outcome) {
      if (settled) return;
      settled = true;
      resolve(outcome);
    },
  };
}
