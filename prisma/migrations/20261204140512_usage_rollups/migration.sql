-- CreateTable
CREATE TABLE "usage_rollups_hourly" (
    "workspace_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "user_id" UUID NOT NULL,
    "api_key_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "failed_calls" BIGINT NOT NULL DEFAULT 0,
    "credits" BIGINT NOT NULL DEFAULT 0,
    "images" BIGINT NOT NULL DEFAULT 0,
    "prompt_tokens" BIGINT NOT NULL DEFAULT 0,
    "completion_tokens" BIGINT NOT NULL DEFAULT 0,
    "total_tokens" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "usage_rollups_hourly_pkey" PRIMARY KEY ("workspace_id","hour","user_id","api_key_id","model")
);

-- CreateTable
CREATE TABLE "usage_rollups_daily" (
    "workspace_id" UUID NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "user_id" UUID NOT NULL,
    "api_key_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "failed_calls" BIGINT NOT NULL DEFAULT 0,
    "credits" BIGINT NOT NULL DEFAULT 0,
    "images" BIGINT NOT NULL DEFAULT 0,
    "prompt_tokens" BIGINT NOT NULL DEFAULT 0,
    "completion_tokens" BIGINT NOT NULL DEFAULT 0,
    "total_tokens" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "usage_rollups_daily_pkey" PRIMARY KEY ("workspace_id","day","user_id","api_key_id","model")
);

-- CreateTable
CREATE TABLE "usage_rollups_weekly" (
    "workspace_id" UUID NOT NULL,
    "week" TIMESTAMPTZ(3) NOT NULL,
    "user_id" UUID NOT NULL,
    "api_key_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "failed_calls" BIGINT NOT NULL DEFAULT 0,
    "credits" BIGINT NOT NULL DEFAULT 0,
    "images" BIGINT NOT NULL DEFAULT 0,
    "prompt_tokens" BIGINT NOT NULL DEFAULT 0,
    "completion_tokens" BIGINT NOT NULL DEFAULT 0,
    "total_tokens" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "usage_rollups_weekly_pkey" PRIMARY KEY ("workspace_id","week","user_id","api_key_id","model")
);

-- CreateTable
CREATE TABLE "usage_rollups_monthly" (
    "workspace_id" UUID NOT NULL,
    "month" TIMESTAMPTZ(3) NOT NULL,
    "user_id" UUID NOT NULL,
    "api_key_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "failed_calls" BIGINT NOT NULL DEFAULT 0,
    "credits" BIGINT NOT NULL DEFAULT 0,
    "images" BIGINT NOT NULL DEFAULT 0,
    "prompt_tokens" BIGINT NOT NULL DEFAULT 0,
    "completion_tokens" BIGINT NOT NULL DEFAULT 0,
    "total_tokens" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "usage_rollups_monthly_pkey" PRIMARY KEY ("workspace_id","month","user_id","api_key_id","model")
);

-- CreateIndex
CREATE INDEX "usage_records_workspace_id_user_id_created_at_idx" ON "usage_records"("workspace_id", "user_id", "created_at");

-- Rollups follow usage_records in the same transaction as every change, whoever makes it (admission, settlement,
-- the sweeper, a future function), so they are exact without touching darkroom_admit / darkroom_settle. A record
-- counts once it is finished (not pending), under the hour it was created in; an update adds the difference
-- between its new and old contribution, so a retried or repeated settlement can never count twice.
CREATE OR REPLACE FUNCTION darkroom_usage_rollup_add(
  p_workspace_id uuid, p_created_at timestamptz, p_user_id uuid, p_api_key_id uuid, p_model text, p_sign integer,
  p_failed boolean, p_credits bigint, p_images bigint, p_prompt bigint, p_completion bigint, p_total bigint
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  k uuid := COALESCE(p_api_key_id, '00000000-0000-0000-0000-000000000000'::uuid);
  f bigint := CASE WHEN p_failed THEN p_sign ELSE 0 END;
BEGIN
  INSERT INTO usage_rollups_hourly AS r (workspace_id, hour, user_id, api_key_id, model, calls, failed_calls, credits,
                                         images, prompt_tokens, completion_tokens, total_tokens)
  VALUES (p_workspace_id, date_trunc('hour', p_created_at, 'UTC'), p_user_id, k, p_model, p_sign, f,
          p_sign * p_credits, p_sign * p_images, p_sign * p_prompt, p_sign * p_completion, p_sign * p_total)
  ON CONFLICT (workspace_id, hour, user_id, api_key_id, model) DO UPDATE SET
    calls = r.calls + EXCLUDED.calls, failed_calls = r.failed_calls + EXCLUDED.failed_calls,
    credits = r.credits + EXCLUDED.credits, images = r.images + EXCLUDED.images,
    prompt_tokens = r.prompt_tokens + EXCLUDED.prompt_tokens,
    completion_tokens = r.completion_tokens + EXCLUDED.completion_tokens,
    total_tokens = r.total_tokens + EXCLUDED.total_tokens;
  INSERT INTO usage_rollups_daily AS r (workspace_id, day, user_id, api_key_id, model, calls, failed_calls, credits,
                                        images, prompt_tokens, completion_tokens, total_tokens)
  VALUES (p_workspace_id, date_trunc('day', p_created_at, 'UTC'), p_user_id, k, p_model, p_sign, f,
          p_sign * p_credits, p_sign * p_images, p_sign * p_prompt, p_sign * p_completion, p_sign * p_total)
  ON CONFLICT (workspace_id, day, user_id, api_key_id, model) DO UPDATE SET
    calls = r.calls + EXCLUDED.calls, failed_calls = r.failed_calls + EXCLUDED.failed_calls,
    credits = r.credits + EXCLUDED.credits, images = r.images + EXCLUDED.images,
    prompt_tokens = r.prompt_tokens + EXCLUDED.prompt_tokens,
    completion_tokens = r.completion_tokens + EXCLUDED.completion_tokens,
    total_tokens = r.total_tokens + EXCLUDED.total_tokens;
  INSERT INTO usage_rollups_weekly AS r (workspace_id, week, user_id, api_key_id, model, calls, failed_calls, credits,
                                        images, prompt_tokens, completion_tokens, total_tokens)
  VALUES (p_workspace_id, date_trunc('week', p_created_at, 'UTC'), p_user_id, k, p_model, p_sign, f,
          p_sign * p_credits, p_sign * p_images, p_sign * p_prompt, p_sign * p_completion, p_sign * p_total)
  ON CONFLICT (workspace_id, week, user_id, api_key_id, model) DO UPDATE SET
    calls = r.calls + EXCLUDED.calls, failed_calls = r.failed_calls + EXCLUDED.failed_calls,
    credits = r.credits + EXCLUDED.credits, images = r.images + EXCLUDED.images,
    prompt_tokens = r.prompt_tokens + EXCLUDED.prompt_tokens,
    completion_tokens = r.completion_tokens + EXCLUDED.completion_tokens,
    total_tokens = r.total_tokens + EXCLUDED.total_tokens;
  INSERT INTO usage_rollups_monthly AS r (workspace_id, month, user_id, api_key_id, model, calls, failed_calls, credits,
                                        images, prompt_tokens, completion_tokens, total_tokens)
  VALUES (p_workspace_id, date_trunc('month', p_created_at, 'UTC'), p_user_id, k, p_model, p_sign, f,
          p_sign * p_credits, p_sign * p_images, p_sign * p_prompt, p_sign * p_completion, p_sign * p_total)
  ON CONFLICT (workspace_id, month, user_id, api_key_id, model) DO UPDATE SET
    calls = r.calls + EXCLUDED.calls, failed_calls = r.failed_calls + EXCLUDED.failed_calls,
    credits = r.credits + EXCLUDED.credits, images = r.images + EXCLUDED.images,
    prompt_tokens = r.prompt_tokens + EXCLUDED.prompt_tokens,
    completion_tokens = r.completion_tokens + EXCLUDED.completion_tokens,
    total_tokens = r.total_tokens + EXCLUDED.total_tokens;
END;
$$;

CREATE OR REPLACE FUNCTION darkroom_usage_rollup() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'pending' THEN
    -- Nothing a rollup shows changed (e.g. only latency or upstream id): no write, no row lock.
    IF TG_OP = 'UPDATE' AND NEW.status <> 'pending'
       AND (NEW.workspace_id, NEW.created_at, NEW.user_id, NEW.api_key_id, NEW.model, NEW.status IN ('failed', 'cancelled'),
            NEW.credits, NEW.images, NEW.prompt_tokens, NEW.completion_tokens, NEW.total_tokens)
           IS NOT DISTINCT FROM
           (OLD.workspace_id, OLD.created_at, OLD.user_id, OLD.api_key_id, OLD.model, OLD.status IN ('failed', 'cancelled'),
            OLD.credits, OLD.images, OLD.prompt_tokens, OLD.completion_tokens, OLD.total_tokens) THEN
      RETURN NULL;
    END IF;
    PERFORM darkroom_usage_rollup_add(OLD.workspace_id, OLD.created_at, OLD.user_id, OLD.api_key_id, OLD.model, -1,
      OLD.status IN ('failed', 'cancelled'), OLD.credits, OLD.images, COALESCE(OLD.prompt_tokens, 0),
      COALESCE(OLD.completion_tokens, 0), COALESCE(OLD.total_tokens, 0));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status <> 'pending' THEN
    PERFORM darkroom_usage_rollup_add(NEW.workspace_id, NEW.created_at, NEW.user_id, NEW.api_key_id, NEW.model, 1,
      NEW.status IN ('failed', 'cancelled'), NEW.credits, NEW.images, COALESCE(NEW.prompt_tokens, 0),
      COALESCE(NEW.completion_tokens, 0), COALESCE(NEW.total_tokens, 0));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER usage_records_rollup
AFTER INSERT OR UPDATE OR DELETE ON usage_records
FOR EACH ROW EXECUTE FUNCTION darkroom_usage_rollup();

-- History so far, in the same migration, so the rollups start exact.
INSERT INTO usage_rollups_hourly (workspace_id, hour, user_id, api_key_id, model, calls, failed_calls, credits, images,
                                  prompt_tokens, completion_tokens, total_tokens)
SELECT workspace_id, date_trunc('hour', created_at, 'UTC'), user_id,
       COALESCE(api_key_id, '00000000-0000-0000-0000-000000000000'::uuid), model, count(*),
       count(*) FILTER (WHERE status IN ('failed', 'cancelled')), sum(credits), sum(images),
       COALESCE(sum(prompt_tokens), 0), COALESCE(sum(completion_tokens), 0), COALESCE(sum(total_tokens), 0)
FROM usage_records WHERE status <> 'pending'
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO usage_rollups_daily (workspace_id, day, user_id, api_key_id, model, calls, failed_calls, credits, images,
                                 prompt_tokens, completion_tokens, total_tokens)
SELECT workspace_id, date_trunc('day', hour, 'UTC'), user_id, api_key_id, model, sum(calls), sum(failed_calls),
       sum(credits), sum(images), sum(prompt_tokens), sum(completion_tokens), sum(total_tokens)
FROM usage_rollups_hourly
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO usage_rollups_weekly (workspace_id, week, user_id, api_key_id, model, calls, failed_calls, credits, images,
                                 prompt_tokens, completion_tokens, total_tokens)
SELECT workspace_id, date_trunc('week', hour, 'UTC'), user_id, api_key_id, model, sum(calls), sum(failed_calls),
       sum(credits), sum(images), sum(prompt_tokens), sum(completion_tokens), sum(total_tokens)
FROM usage_rollups_hourly
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO usage_rollups_monthly (workspace_id, month, user_id, api_key_id, model, calls, failed_calls, credits, images,
                                 prompt_tokens, completion_tokens, total_tokens)
SELECT workspace_id, date_trunc('month', hour, 'UTC'), user_id, api_key_id, model, sum(calls), sum(failed_calls),
       sum(credits), sum(images), sum(prompt_tokens), sum(completion_tokens), sum(total_tokens)
FROM usage_rollups_hourly
GROUP BY 1, 2, 3, 4, 5;
