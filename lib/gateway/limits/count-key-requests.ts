import "server-only";
import { getPool } from "@/lib/db/client";
import { createStatementBatcher } from "@/lib/db/create-statement-batcher";

const WINDOW_MS = 60_000;

/** One request counted against a counter: how many the window holds with it, and when the window ends. */
export type Counted = { consumed: number; msBeforeNext: number };

// A fixed one-minute window per counter, in rate-limiter-flexible's table and semantics (rate_limits: key,
// points, expire in epoch ms; a window starts at its first request and restarts once expired), so the sign-in
// limiters, which use the library itself, share one store with it. Written here rather than through the
// library because the library counts one key per statement, and under load this count is the hottest
// statement of the gateway: here every request that arrives together is counted in one upsert. A key seen
// several times in one batch is incremented once by its count (an upsert may touch a row only once), and its
// requests take consecutive numbers, exactly as if they had been counted one by one. Windows follow the
// database's clock, so every instance agrees on them.
const COUNT = `
  WITH b AS (SELECT key, count(*)::int AS n FROM unnest($1::text[]) AS t(key) GROUP BY key ORDER BY key)
  INSERT INTO rate_limits AS r (key, points, expire)
  SELECT b.key, b.n, (extract(epoch FROM now()) * 1000)::bigint + $2::bigint FROM b
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN r.expire IS NULL OR r.expire <= EXCLUDED.expire - $2::bigint
                  THEN EXCLUDED.points ELSE r.points + EXCLUDED.points END,
    expire = CASE WHEN r.expire IS NULL OR r.expire <= EXCLUDED.expire - $2::bigint
                  THEN EXCLUDED.expire ELSE r.expire END
  RETURNING r.key, r.points, r.expire::float8 - extract(epoch FROM now()) * 1000 AS ms_left`;

async function countMany(keys: string[]): Promise<Counted[]> {
  const { rows } = await getPool().query<{ key: string; points: number; ms_left: number }>({
    name: "darkroom_count_requests",
    text: COUNT,
    values: [keys, WINDOW_MS],
  });
  const inBatch = new Map<string, number>();
  for (const key of keys) inBatch.set(key, (inBatch.get(key) ?? 0) + 1);
  const next = new Map<string, { consumed: number; msBeforeNext: number }>();
  for (const row of rows) {
    next.set(row.key, { consumed: row.points - inBatch.get(row.key)! + 1, msBeforeNext: Math.max(0, Math.round(row.ms_left)) });
  }
  return keys.map((key) => {
    const counter = next.get(key)!;
    return { consumed: counter.consumed++, msBeforeNext: counter.msBeforeNext };
  });
}

/** Counts one request against `key` (one statement for all requests that arrive together). */
export const countKeyRequest = createStatementBatcher<string, Counted>({
  maxBatch: 256,
  one: async (key) => (await countMany([key]))[0]!,
  many: countMany,
});
