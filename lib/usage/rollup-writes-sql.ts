// Shared by the fold (lib/usage/fold-usage-deltas.ts) and bulk imports (bench/lib/seed-usage.ts), so both write the
// rollups the same way. No "server-only": the benchmark's seeding imports it too.

/** Studio calls have no API key; the rollups key them by this uuid. */
export const NO_KEY_UUID = "00000000-0000-0000-0000-000000000000";

/** The breakdowns usage_series holds, and the column of the hourly cube each one's series is. */
export const SERIES_DIMS = { member: "user_id::text", model: "model", key: "api_key_id::text" } as const;
/** The cube's units (usage_rollups_*). usage_series has `day`, `week`, `month` and `prefix` (see schema.prisma). */
export const ROLLUP_UNITS = ["hour", "day", "week", "month"] as const;

const SUMS = ["calls", "failed_calls", "credits", "images", "prompt_tokens", "completion_tokens", "total_tokens"] as const;
const CUBE: Record<(typeof ROLLUP_UNITS)[number], { table: string; column: string }> = {
  hour: { table: "usage_rollups_hourly", column: "hour" },
  day: { table: "usage_rollups_daily", column: "day" },
  week: { table: "usage_rollups_weekly", column: "week" },
  month: { table: "usage_rollups_monthly", column: "month" },
};

const addSums = SUMS.map((c) => `${c} = r.${c} + EXCLUDED.${c}`).join(", ");
const sumSums = SUMS.map((c) => `sum(${c})`).join(", ");

/**
 * Data-modifying CTEs (each starting with a comma) that add a CTE named `h`, finished usage summed per (workspace,
 * UTC hour, member, key, model) with the columns (workspace_id, hour, user_id, api_key_id, model, ...sums), to the
 * hourly, daily, weekly and monthly cube (usage_rollups_*) and to every breakdown and unit of usage_series. Each INSERT
 * groups first, so no statement touches a row twice; rows are upserted by adding, so `h` may hold negative
 * corrections. Rows go in in key order: a bulk import then lays each bucket's series side by side in the heap, so
 * a chart's index scans touch a page per few dozen rows rather than one per row.
 */
export function rollupWritesSql(): string {
  const cube = ROLLUP_UNITS.map((unit) => {
    const { table, column } = CUBE[unit];
    return `, w_${unit} AS (
      INSERT INTO ${table} AS r (workspace_id, ${column}, user_id, api_key_id, model, ${SUMS.join(", ")})
      SELECT workspace_id, date_trunc('${unit}', hour, 'UTC'), user_id, api_key_id, model, ${sumSums}
      FROM h GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (workspace_id, ${column}, user_id, api_key_id, model) DO UPDATE SET ${addSums}
      RETURNING 1)`;
  });
  const dims = Object.entries(SERIES_DIMS)
    .map(([dim, expr]) => `SELECT workspace_id, '${dim}' AS dim, ${expr} AS series, hour, ${SUMS.join(", ")} FROM h`)
    .join(" UNION ALL ");
  // An hour counts in its UTC day, week and month, and in the prefix row of every later hour of its UTC day. Each
  // series' hour is summed first (the cube has one row per member, key and model), then spread.
  const series = `, sh AS (
      SELECT workspace_id, dim, series, hour, ${SUMS.map((c) => `sum(${c}) AS ${c}`).join(", ")}
      FROM (${dims}) AS s GROUP BY 1, 2, 3, 4),
    w_series AS (
      INSERT INTO usage_series AS r (workspace_id, dim, unit, bucket, series, ${SUMS.join(", ")})
      SELECT s.workspace_id, s.dim, u.unit, u.bucket, s.series, ${sumSums}
      FROM sh AS s CROSS JOIN LATERAL (
        SELECT c.unit, date_trunc(c.unit, s.hour, 'UTC') AS bucket FROM (VALUES ('day'), ('week'), ('month')) AS c(unit)
        UNION ALL
        SELECT 'prefix', t FROM generate_series(s.hour + interval '1 hour', date_trunc('day', s.hour, 'UTC') + interval '23 hours', interval '1 hour') AS t
      ) AS u
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (workspace_id, dim, unit, bucket, series) DO UPDATE SET ${addSums}
      RETURNING 1)`;
  return [...cube, series].join("\n");
}

/** The select list that sums rows with usage_rollup_deltas' columns into `h`'s (grouped by its first five). */
export const HOURLY_GROUP_SQL = `workspace_id, date_trunc('hour', created_at, 'UTC') AS hour, user_id, api_key_id, model,
  ${SUMS.map((c) => `sum(${c})::bigint AS ${c}`).join(", ")}`;
