import "server-only";
import { getPool } from "@/lib/db/client";
import { platformRollupWritesSql } from "@/lib/platform-usage/platform-rollup-writes-sql";
import { HOURLY_GROUP_SQL, rollupWritesSql } from "./rollup-writes-sql";

const FOLD_SQL = `
  WITH d AS (
    DELETE FROM usage_rollup_deltas
    WHERE id IN (SELECT id FROM usage_rollup_deltas ORDER BY id LIMIT $1)
    RETURNING workspace_id, created_at, user_id, api_key_id, model, status, latency_ms, calls, failed_calls, credits, images,
              prompt_tokens, completion_tokens, total_tokens
  ),
  h AS (SELECT ${HOURLY_GROUP_SQL} FROM d GROUP BY 1, 2, 3, 4, 5)
  ${rollupWritesSql()}
  ${platformRollupWritesSql()}
  SELECT count(*)::int AS folded FROM d`;

/**
 * Moves up to `limit` rows of usage_rollup_deltas into the rollups (usage_rollups_*, usage_series and the platform
 * dashboards' platform_usage_series and platform_latency_bins), deleting them
 * in the same transaction, so a delta counts once: before the commit readers see it as a delta, after it in the
 * rollups. One fold at a time (a transaction-level advisory lock): two folds upserting the same rollup rows in
 * different orders could deadlock. `wait: false` returns 0 at once when another fold runs (the background loop of
 * every instance); `wait: true` waits for it (tests, the benchmark). Returns how many deltas it folded.
 */
export async function foldUsageDeltas({ limit = 20_000, wait = false }: { limit?: number; wait?: boolean } = {}): Promise<number> {
  const client = await getPool().connect();
  let failure: Error | undefined;
  try {
    await client.query("BEGIN");
    const { rows: locked } = await client.query<{ ok: boolean }>(
      wait
        ? "SELECT true AS ok FROM pg_advisory_xact_lock(hashtext('darkroom:usage-fold'))"
        : "SELECT pg_try_advisory_xact_lock(hashtext('darkroom:usage-fold')) AS ok",
    );
    if (!locked[0]?.ok) {
      await client.query("ROLLBACK");
      return 0;
    }
    const { rows } = await client.query<{ folded: number }>(FOLD_SQL, [limit]);
    await client.query("COMMIT");
    return rows[0]?.folded ?? 0;
  } catch (error) {
    failure = error as Error;
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release(failure);
  }
}
