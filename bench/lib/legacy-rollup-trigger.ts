// The baseline of bench/settle-rollups.ts: the rollup trigger as it was before usage_rollup_deltas (migration
// 20261204140512_usage_rollups), which upserted the hourly, daily, weekly and monthly cube rows of every finished
// record inside the settling transaction. Installed on the benchmark's own throwaway database only.
const upsert = (table: string, column: string) => `
  INSERT INTO ${table} AS r (workspace_id, ${column}, user_id, api_key_id, model, calls, failed_calls, credits, images,
                             prompt_tokens, completion_tokens, total_tokens)
  VALUES (p_workspace_id, date_trunc('${column}', p_created_at, 'UTC'), p_user_id, k, p_model, p_sign, f,
          p_sign * p_credits, p_sign * p_images, p_sign * p_prompt, p_sign * p_completion, p_sign * p_total)
  ON CONFLICT (workspace_id, ${column}, user_id, api_key_id, model) DO UPDATE SET
    calls = r.calls + EXCLUDED.calls, failed_calls = r.failed_calls + EXCLUDED.failed_calls,
    credits = r.credits + EXCLUDED.credits, images = r.images + EXCLUDED.images,
    prompt_tokens = r.prompt_tokens + EXCLUDED.prompt_tokens,
    completion_tokens = r.completion_tokens + EXCLUDED.completion_tokens,
    total_tokens = r.total_tokens + EXCLUDED.total_tokens;`;

export const LEGACY_ROLLUP_TRIGGER_SQL = `
CREATE OR REPLACE FUNCTION darkroom_usage_rollup_add(
  p_workspace_id uuid, p_created_at timestamptz, p_user_id uuid, p_api_key_id uuid, p_model text, p_sign integer,
  p_failed boolean, p_credits bigint, p_images bigint, p_prompt bigint, p_completion bigint, p_total bigint
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  k uuid := COALESCE(p_api_key_id, '00000000-0000-0000-0000-000000000000'::uuid);
  f bigint := CASE WHEN p_failed THEN p_sign ELSE 0 END;
BEGIN
  ${upsert("usage_rollups_hourly", "hour")}
  ${upsert("usage_rollups_daily", "day")}
  ${upsert("usage_rollups_weekly", "week")}
  ${upsert("usage_rollups_monthly", "month")}
END;
$$;

CREATE OR REPLACE FUNCTION darkroom_usage_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'pending' THEN
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
$$;`;
