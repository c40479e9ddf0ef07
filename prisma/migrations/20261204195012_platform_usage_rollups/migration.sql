-- CreateTable
CREATE TABLE "platform_usage_series" (
    "dim" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "series" TEXT NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "failed_calls" BIGINT NOT NULL DEFAULT 0,
    "credits" BIGINT NOT NULL DEFAULT 0,
    "images" BIGINT NOT NULL DEFAULT 0,
    "prompt_tokens" BIGINT NOT NULL DEFAULT 0,
    "completion_tokens" BIGINT NOT NULL DEFAULT 0,
    "total_tokens" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "platform_usage_series_pkey" PRIMARY KEY ("dim","unit","bucket","series")
);

-- CreateTable
CREATE TABLE "platform_latency_bins" (
    "dim" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "series" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "platform_latency_bins_pkey" PRIMARY KEY ("dim","unit","bucket","series","bin")
);

-- CreateIndex
CREATE INDEX "platform_usage_series_dim_series_unit_bucket_idx" ON "platform_usage_series"("dim", "series", "unit", "bucket");

-- CreateIndex
CREATE INDEX "usage_records_user_id_created_at_idx" ON "usage_records"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "usage_records_api_key_id_created_at_idx" ON "usage_records"("api_key_id", "created_at");

-- CreateIndex
CREATE INDEX "usage_rollups_hourly_hour_idx" ON "usage_rollups_hourly"("hour");

-- CreateIndex
CREATE INDEX "usage_rollups_hourly_user_id_hour_idx" ON "usage_rollups_hourly"("user_id", "hour");

-- CreateIndex
CREATE INDEX "usage_rollups_hourly_api_key_id_hour_idx" ON "usage_rollups_hourly"("api_key_id", "hour");

-- Backfill: the platform rollups of the history so far, equal to what the fold has folded (every finished record,
-- minus the deltas still waiting in usage_rollup_deltas, which the fold will add), written by the fold's own SQL
-- (lib/platform-usage/platform-rollup-writes-sql.ts).
WITH d AS (
  SELECT workspace_id, created_at, user_id, COALESCE(api_key_id, '00000000-0000-0000-0000-000000000000'::uuid) AS api_key_id, model, status,
            latency_ms, 1 AS calls, CASE WHEN status IN ('failed', 'cancelled') THEN 1 ELSE 0 END AS failed_calls, credits, images,
            COALESCE(prompt_tokens, 0) AS prompt_tokens, COALESCE(completion_tokens, 0) AS completion_tokens,
            COALESCE(total_tokens, 0) AS total_tokens
          FROM usage_records WHERE status <> 'pending' AND (true)
  UNION ALL
  SELECT workspace_id, created_at, user_id, api_key_id, model, status, latency_ms, -calls, -failed_calls, -credits, -images, -prompt_tokens, -completion_tokens, -total_tokens FROM usage_rollup_deltas
)
, ph AS (
      SELECT v.dim, v.series, date_trunc('hour', d.created_at, 'UTC') AS hour, sum(d.calls)::bigint AS calls, sum(d.failed_calls)::bigint AS failed_calls, sum(d.credits)::bigint AS credits, sum(d.images)::bigint AS images, sum(d.prompt_tokens)::bigint AS prompt_tokens, sum(d.completion_tokens)::bigint AS completion_tokens, sum(d.total_tokens)::bigint AS total_tokens
      FROM d CROSS JOIN LATERAL (VALUES ('total', ''), ('model', d.model), ('source', CASE WHEN d.api_key_id = '00000000-0000-0000-0000-000000000000'::uuid THEN 'studio' ELSE 'api' END), ('status', d.status::text), ('workspace', d.workspace_id::text), ('member', d.user_id::text), ('key', d.api_key_id::text)) AS v(dim, series)
      GROUP BY 1, 2, 3),
    w_platform AS (
      INSERT INTO platform_usage_series AS r (dim, unit, bucket, series, calls, failed_calls, credits, images, prompt_tokens, completion_tokens, total_tokens)
      SELECT ph.dim, u.unit, date_trunc(u.unit, ph.hour, 'UTC'), ph.series, sum(calls), sum(failed_calls), sum(credits), sum(images), sum(prompt_tokens), sum(completion_tokens), sum(total_tokens)
      FROM ph JOIN (VALUES ('hour'), ('day'), ('month')) AS u(unit) ON u.unit <> 'hour' OR ph.dim IN ('total', 'model', 'source', 'status')
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (dim, unit, bucket, series) DO UPDATE SET calls = r.calls + EXCLUDED.calls, failed_calls = r.failed_calls + EXCLUDED.failed_calls, credits = r.credits + EXCLUDED.credits, images = r.images + EXCLUDED.images, prompt_tokens = r.prompt_tokens + EXCLUDED.prompt_tokens, completion_tokens = r.completion_tokens + EXCLUDED.completion_tokens, total_tokens = r.total_tokens + EXCLUDED.total_tokens
      RETURNING 1),
    pl AS (
      SELECT v.dim, v.series, date_trunc('hour', d.created_at, 'UTC') AS hour, CASE WHEN d.latency_ms <= 1 THEN 0 ELSE floor(ln(d.latency_ms::float8) / ln(1.05))::int END AS bin,
             sum(d.calls)::bigint AS calls
      FROM d CROSS JOIN LATERAL (VALUES ('total', ''), ('model', d.model), ('source', CASE WHEN d.api_key_id = '00000000-0000-0000-0000-000000000000'::uuid THEN 'studio' ELSE 'api' END), ('status', d.status::text)) AS v(dim, series)
      WHERE d.latency_ms IS NOT NULL
      GROUP BY 1, 2, 3, 4),
    w_latency AS (
      INSERT INTO platform_latency_bins AS r (dim, unit, bucket, series, bin, calls)
      SELECT pl.dim, u.unit, date_trunc(u.unit, pl.hour, 'UTC'), pl.series, pl.bin, sum(pl.calls)
      FROM pl CROSS JOIN (VALUES ('hour'), ('day'), ('month')) AS u(unit)
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (dim, unit, bucket, series, bin) DO UPDATE SET calls = r.calls + EXCLUDED.calls
      RETURNING 1)
SELECT 1;
