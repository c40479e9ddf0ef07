import { foldUsageDeltas } from "@/lib/usage/fold-usage-deltas";

/** Folds every delta there is (other files' too), waiting for a fold another process may be running. */
export async function foldAllDeltas(): Promise<void> {
  while ((await foldUsageDeltas({ limit: 5000, wait: true })) === 5000) {
    // a full batch: there may be more
  }
}
