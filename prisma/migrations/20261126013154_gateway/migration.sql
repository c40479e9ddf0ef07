-- CreateEnum
CREATE TYPE "HoldStatus" AS ENUM ('open', 'settled', 'released', 'expired');

-- CreateEnum
CREATE TYPE "UsageStatus" AS ENUM ('pending', 'succeeded', 'failed', 'cancelled', 'partial');

-- CreateEnum
CREATE TYPE "UsageSource" AS ENUM ('api', 'studio');

-- CreateEnum
CREATE TYPE "ModelProvider" AS ENUM ('upstream', 'local');

-- CreateTable
CREATE TABLE "models" (
    "id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "provider" "ModelProvider" NOT NULL DEFAULT 'upstream',
    "upstream_name" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "per_request" INTEGER NOT NULL DEFAULT 0,
    "per_image" INTEGER NOT NULL DEFAULT 0,
    "per_1k_prompt" INTEGER NOT NULL DEFAULT 0,
    "per_1k_completion" INTEGER NOT NULL DEFAULT 0,
    "token_ceiling" INTEGER NOT NULL DEFAULT 4096,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "membership_id" UUID NOT NULL,
    "created_by_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "models" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rpm" INTEGER,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holds" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "membership_id" UUID NOT NULL,
    "usage_record_id" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "prices" JSONB NOT NULL,
    "status" "HoldStatus" NOT NULL DEFAULT 'open',
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "holds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_records" (
    "id" UUID NOT NULL,
    "request_id" TEXT NOT NULL,
    "workspace_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "api_key_id" UUID,
    "source" "UsageSource" NOT NULL,
    "model" TEXT NOT NULL,
    "status" "UsageStatus" NOT NULL DEFAULT 'pending',
    "prompt_tokens" INTEGER,
    "completion_tokens" INTEGER,
    "total_tokens" INTEGER,
    "usage_source" TEXT,
    "images" INTEGER NOT NULL DEFAULT 0,
    "credits" INTEGER NOT NULL DEFAULT 0,
    "overage" BOOLEAN NOT NULL DEFAULT false,
    "latency_ms" INTEGER,
    "upstream_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "usage_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "id" UUID NOT NULL,
    "api_key_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "body_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_headers" JSONB,
    "response_body" BYTEA,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "api_keys_workspace_id_created_at_idx" ON "api_keys"("workspace_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "holds_usage_record_id_key" ON "holds"("usage_record_id");

-- CreateIndex
CREATE INDEX "holds_status_heartbeat_at_idx" ON "holds"("status", "heartbeat_at");

-- CreateIndex
CREATE UNIQUE INDEX "usage_records_request_id_key" ON "usage_records"("request_id");

-- CreateIndex
CREATE INDEX "usage_records_workspace_id_created_at_idx" ON "usage_records"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "usage_records_created_at_idx" ON "usage_records"("created_at");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_keys_api_key_id_key_key" ON "idempotency_keys"("api_key_id", "key");
-- Admission and settlement as single-statement PL/pgSQL functions: one round trip each, atomic, with
-- conditional updates only (never read-then-write). See lib/billing/admit.ts and settle.ts.

-- Places a hold on the workspace balance and the member's calendar-month (UTC) limit, and writes the
-- pending usage record. Returns the hold id, or a refusal reason: 'insufficient_credits', 'member_limit',
-- 'workspace_suspended', 'key_revoked'.
CREATE OR REPLACE FUNCTION darkroom_admit(
  p_workspace_id uuid, p_membership_id uuid, p_user_id uuid, p_api_key_id uuid,
  p_amount integer, p_prices jsonb, p_request_id text, p_source "UsageSource", p_model text
) RETURNS TABLE (hold_id uuid, usage_record_id uuid, refusal text)
LANGUAGE plpgsql AS $$
DECLARE
  v_month date := date_trunc('month', timezone('UTC', now()))::date;
  v_hold uuid := gen_random_uuid();
  v_usage uuid := gen_random_uuid();
  v_suspended boolean;
BEGIN
  IF p_api_key_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM api_keys k WHERE k.id = p_api_key_id AND k.revoked_at IS NULL
      AND (k.expires_at IS NULL OR k.expires_at > now())
  ) THEN
    RETURN QUERY SELECT NULL::uuid, NULL::uuid, 'key_revoked'::text;
    RETURN;
  END IF;

  UPDATE workspaces w SET held = w.held + p_amount
  WHERE w.id = p_workspace_id AND NOT w.suspended AND w.balance - w.held >= p_amount;
  IF NOT FOUND THEN
    SELECT w.suspended INTO v_suspended FROM workspaces w WHERE w.id = p_workspace_id;
    RETURN QUERY SELECT NULL::uuid, NULL::uuid,
      CASE WHEN v_suspended THEN 'workspace_suspended' ELSE 'insufficient_credits' END;
    RETURN;
  END IF;

  UPDATE memberships m SET
    month_used = CASE WHEN m.month = v_month THEN m.month_used ELSE 0 END,
    month_held = CASE WHEN m.month = v_month THEN m.month_held ELSE 0 END + p_amount,
    month = v_month
  WHERE m.id = p_membership_id AND m.workspace_id = p_workspace_id
    AND (m.monthly_limit IS NULL OR
         CASE WHEN m.month = v_month THEN m.month_used + m.month_held ELSE 0 END + p_amount <= m.monthly_limit);
  IF NOT FOUND THEN
    -- Undo the workspace hold inside this same transaction: the row is still locked by us.
    UPDATE workspaces w SET held = w.held - p_amount WHERE w.id = p_workspace_id;
    RETURN QUERY SELECT NULL::uuid, NULL::uuid, 'member_limit'::text;
    RETURN;
  END IF;

  INSERT INTO usage_records (id, request_id, workspace_id, user_id, api_key_id, source, model, status)
  VALUES (v_usage, p_request_id, p_workspace_id, p_user_id, p_api_key_id, p_source, p_model, 'pending');
  INSERT INTO holds (id, workspace_id, membership_id, usage_record_id, amount, month, prices, status)
  VALUES (v_hold, p_workspace_id, p_membership_id, v_usage, p_amount, v_month, p_prices, 'open');
  INSERT INTO ledger_entries (id, workspace_id, membership_id, kind, amount, op_id)
  VALUES (gen_random_uuid(), p_workspace_id, p_membership_id, 'hold', p_amount, 'hold:' || v_hold);
  RETURN QUERY SELECT v_hold, v_usage, NULL::text;
END;
$$;

-- Closes an open hold: releases it in full, charges p_charge (which may exceed the hold: overage) and
-- finishes the usage record. A hold that is no longer open is left alone (returns settled = false), so
-- nothing is ever settled twice.
CREATE OR REPLACE FUNCTION darkroom_settle(
  p_hold_id uuid, p_charge integer, p_hold_status "HoldStatus", p_usage_status "UsageStatus",
  p_prompt_tokens integer, p_completion_tokens integer, p_total_tokens integer, p_usage_source text,
  p_images integer, p_latency_ms integer, p_upstream_id text
) RETURNS TABLE (settled boolean, charged integer)
LANGUAGE plpgsql AS $$
DECLARE
  h holds%ROWTYPE;
BEGIN
  UPDATE holds SET status = p_hold_status, closed_at = now()
  WHERE id = p_hold_id AND status = 'open'
  RETURNING * INTO h;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, 0;
    RETURN;
  END IF;
  UPDATE workspaces SET held = held - h.amount, balance = balance - p_charge WHERE id = h.workspace_id;
  -- Month counters only move while the month the hold was placed in is still the member's current month.
  UPDATE memberships m SET
    month_held = CASE WHEN m.month = h.month THEN GREATEST(m.month_held - h.amount, 0) ELSE m.month_held END,
    month_used = CASE WHEN m.month = h.month THEN m.month_used + p_charge ELSE m.month_used END
  WHERE m.id = h.membership_id;
  INSERT INTO ledger_entries (id, workspace_id, membership_id, kind, amount, op_id)
  VALUES (gen_random_uuid(), h.workspace_id, h.membership_id, 'release', h.amount, 'release:' || h.id);
  IF p_charge > 0 THEN
    INSERT INTO ledger_entries (id, workspace_id, membership_id, kind, amount, op_id)
    VALUES (gen_random_uuid(), h.workspace_id, h.membership_id, 'charge', p_charge, 'charge:' || h.id);
  END IF;
  UPDATE usage_records SET
    status = p_usage_status, prompt_tokens = p_prompt_tokens, completion_tokens = p_completion_tokens,
    total_tokens = p_total_tokens, usage_source = p_usage_source, images = p_images, credits = p_charge,
    overage = p_charge > h.amount, latency_ms = p_latency_ms, upstream_id = p_upstream_id, finished_at = now()
  WHERE id = h.usage_record_id;
  RETURN QUERY SELECT true, p_charge;
END;
$$;

-- The seed catalog: the provider's image models (usable when UPSTREAM_BASE_URL is set; upstream name =
-- public id unless changed) and Darkroom's built-in offline model. Prices are integer credits.
INSERT INTO models (id, display_name, provider, upstream_name, enabled, per_request, per_image, per_1k_prompt, per_1k_completion, token_ceiling) VALUES
  ('gpt-image-1',                     'GPT Image 1',              'upstream', NULL, true, 2, 8, 1, 2, 8192),
  ('gpt-4o-image',                    'GPT-4o Image',             'upstream', NULL, true, 2, 6, 1, 2, 8192),
  ('sora_image',                      'Sora Image',               'upstream', NULL, true, 2, 6, 1, 2, 8192),
  ('flux-kontext-pro',                'FLUX.1 Kontext Pro',       'upstream', NULL, true, 2, 5, 1, 2, 4096),
  ('nano-banana',                     'Nano Banana',              'upstream', NULL, true, 1, 4, 1, 2, 4096),
  ('nano-banana-hd',                  'Nano Banana HD',           'upstream', NULL, true, 2, 8, 1, 2, 4096),
  ('doubao-seedream-4-0-250828',      'Doubao Seedream 4.0',      'upstream', NULL, true, 1, 4, 1, 2, 4096),
  ('doubao-seededit-3-0-i2i-250628',  'Doubao SeedEdit 3.0 i2i',  'upstream', NULL, true, 1, 4, 1, 2, 4096),
  ('qwen-image-edit',                 'Qwen Image Edit',          'upstream', NULL, true, 1, 3, 1, 2, 4096),
  ('darkroom-local',                  'Darkroom Local (offline)', 'local',    NULL, true, 1, 0, 0, 0, 0);
