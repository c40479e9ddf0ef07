-- Admission re-checks, in the same statement, everything that makes a key work: not revoked, not expired, and
-- its creator still an enabled member of the key's workspace. The key caches of the app instances learn about
-- changes through NOTIFY; this closes the window before a notification arrives.
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
    SELECT 1 FROM api_keys k
      JOIN memberships m ON m.id = k.membership_id AND m.workspace_id = k.workspace_id AND m.user_id = k.created_by_id
      JOIN users u ON u.id = k.created_by_id AND NOT u.disabled
     WHERE k.id = p_api_key_id AND k.revoked_at IS NULL
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

