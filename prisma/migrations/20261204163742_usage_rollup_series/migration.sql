-- CreateTable
CREATE TABLE "usage_series" (
    "workspace_id" UUID NOT NULL,
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

    CONSTRAINT "usage_series_pkey" PRIMARY KEY ("workspace_id","dim","unit","bucket","series")
);

-- CreateTable
CREATE TABLE "usage_rollup_deltas" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "user_id" UUID NOT NULL,
    "api_key_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "status" "UsageStatus" NOT NULL,
    "latency_ms" INTEGER,
    "calls" INTEGER NOT NULL,
    "failed_calls" INTEGER NOT NULL,
    "credits" INTEGER NOT NULL,
    "images" INTEGER NOT NULL,
    "prompt_tokens" INTEGER NOT NULL,
    "completion_tokens" INTEGER NOT NULL,
    "total_tokens" INTEGER NOT NULL,

    CONSTRAINT "usage_rollup_deltas_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "usage_rollup_deltas_workspace_id_created_at_idx" ON "usage_rollup_deltas"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "usage_rollups_daily_workspace_id_user_id_day_idx" ON "usage_rollups_daily"("workspace_id", "user_id", "day");

-- CreateIndex
CREATE INDEX "usage_rollups_hourly_workspace_id_user_id_hour_idx" ON "usage_rollups_hourly"("workspace_id", "user_id", "hour");

-- CreateIndex
CREATE INDEX "usage_rollups_monthly_workspace_id_user_id_month_idx" ON "usage_rollups_monthly"("workspace_id", "user_id", "month");

-- CreateIndex
CREATE INDEX "usage_rollups_weekly_workspace_id_user_id_week_idx" ON "usage_rollups_weekly"("workspace_id", "user_id", "week");

-- Settlement no longer upserts rollup rows: the trigger appends what a change adds (a finished record's values with
-- +1, a corrected record's old values with -1 and new ones with +1) to usage_rollup_deltas, in the same transaction
-- as the change. An append locks no shared row, so concurrent settlements of one workspace (or, for platform
-- rollups, of every workspace) never queue on a counter, and it is one insert instead of four upserts. The fold
-- (lib/usage/fold-usage-deltas.ts) moves deltas into usage_rollups_* and usage_series in one transaction (delete +
-- upsert), so each counts exactly once, and readers add the deltas not folded yet: exact at every moment.
CREATE OR REPLACE FUNCTION darkroom_usage_rollup() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'pending' THEN
    -- Nothing a rollup shows changed (e.g. only the upstream id): no delta.
    IF TG_OP = 'UPDATE' AND NEW.status <> 'pending'
       AND (NEW.workspace_id, NEW.created_at, NEW.user_id, NEW.api_key_id, NEW.model, NEW.status, NEW.latency_ms,
            NEW.credits, NEW.images, NEW.prompt_tokens, NEW.completion_tokens, NEW.total_tokens)
           IS NOT DISTINCT FROM
           (OLD.workspace_id, OLD.created_at, OLD.user_id, OLD.api_key_id, OLD.model, OLD.status, OLD.latency_ms,
            OLD.credits, OLD.images, OLD.prompt_tokens, OLD.completion_tokens, OLD.total_tokens) THEN
      RETURN NULL;
    END IF;
    INSERT INTO usage_rollup_deltas (workspace_id, created_at, user_id, api_key_id, model, status, latency_ms, calls,
                                     failed_calls, credits, images, prompt_tokens, completion_tokens, total_tokens)
    VALUES (OLD.workspace_id, OLD.created_at, OLD.user_id,
            COALESCE(OLD.api_key_id, '00000000-0000-0000-0000-000000000000'::uuid), OLD.model, OLD.status, OLD.latency_ms,
            -1, CASE WHEN OLD.status IN ('failed', 'cancelled') THEN -1 ELSE 0 END, -OLD.credits, -OLD.images,
            -COALESCE(OLD.prompt_tokens, 0), -COALESCE(OLD.completion_tokens, 0), -COALESCE(OLD.total_tokens, 0));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status <> 'pending' THEN
    INSERT INTO usage_rollup_deltas (workspace_id, created_at, user_id, api_key_id, model, status, latency_ms, calls,
                                     failed_calls, credits, images, prompt_tokens, completion_tokens, total_tokens)
    VALUES (NEW.workspace_id, NEW.created_at, NEW.user_id,
            COALESCE(NEW.api_key_id, '00000000-0000-0000-0000-000000000000'::uuid), NEW.model, NEW.status, NEW.latency_ms,
            1, CASE WHEN NEW.status IN ('failed', 'cancelled') THEN 1 ELSE 0 END, NEW.credits, NEW.images,
            COALESCE(NEW.prompt_tokens, 0), COALESCE(NEW.completion_tokens, 0), COALESCE(NEW.total_tokens, 0));
  END IF;
  RETURN NULL;
END;
$$;

DROP FUNCTION darkroom_usage_rollup_add(uuid, timestamptz, uuid, uuid, text, integer, boolean, bigint, bigint, bigint, bigint, bigint);

-- The per-breakdown series of the history so far, from the hourly rollup (exact), so they start exact: an hour
-- counts in its UTC day, week and month, and in the prefix row of every later hour of its UTC day.
INSERT INTO usage_series (workspace_id, dim, unit, bucket, series, calls, failed_calls, credits, images, prompt_tokens,
                          completion_tokens, total_tokens)
SELECT h.workspace_id, d.dim, u.unit, u.bucket,
       CASE d.dim WHEN 'member' THEN h.user_id::text WHEN 'model' THEN h.model ELSE h.api_key_id::text END,
       sum(h.calls), sum(h.failed_calls), sum(h.credits), sum(h.images), sum(h.prompt_tokens), sum(h.completion_tokens),
       sum(h.total_tokens)
FROM usage_rollups_hourly h
CROSS JOIN (VALUES ('member'), ('model'), ('key')) AS d(dim)
CROSS JOIN LATERAL (
  SELECT c.unit, date_trunc(c.unit, h.hour, 'UTC') AS bucket FROM (VALUES ('day'), ('week'), ('month')) AS c(unit)
  UNION ALL
  SELECT 'prefix', t FROM generate_series(h.hour + interval '1 hour', date_trunc('day', h.hour, 'UTC') + interval '23 hours', interval '1 hour') AS t
) AS u
GROUP BY 1, 2, 3, 4, 5;
