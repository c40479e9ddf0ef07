-- A key stops working when its creator leaves the workspace or is disabled (lib/gateway/keys/lookup-api-key.ts).
-- The key caches of the app instances hear about it from the database itself, on the channel revocation uses,
-- so no code path that removes a member or disables an account can forget to tell them. Delivered on commit.

CREATE OR REPLACE FUNCTION darkroom_notify_membership_keys() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('darkroom_api_keys', k.hash)
  FROM api_keys k WHERE k.membership_id = OLD.id AND k.revoked_at IS NULL;
  RETURN NULL;
END;
$$;

CREATE TRIGGER memberships_notify_api_keys
AFTER DELETE OR UPDATE OF user_id, workspace_id ON memberships
FOR EACH ROW EXECUTE FUNCTION darkroom_notify_membership_keys();

CREATE OR REPLACE FUNCTION darkroom_notify_user_keys() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('darkroom_api_keys', k.hash)
  FROM api_keys k WHERE k.created_by_id = NEW.id AND k.revoked_at IS NULL;
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_notify_api_keys
AFTER UPDATE OF disabled ON users
FOR EACH ROW WHEN (NEW.disabled AND NOT OLD.disabled)
EXECUTE FUNCTION darkroom_notify_user_keys();
