import "server-only";
import { purgeIdempotencyKeys } from "@/lib/gateway/idempotency/claim-idempotency-key";
import type { JobOutcome } from "./record-job-run";

/** Stored idempotent responses older than 24 h (the replay window) go. */
export async function purgeIdempotencyJob(): Promise<JobOutcome> {
  const removed = await purgeIdempotencyKeys();
  return { ok: true, removed, summary: { idempotencyKeys: removed } };
}
