-- AlterTable
ALTER TABLE "users" ADD COLUMN     "email_verified_at" TIMESTAMPTZ(3),
ADD COLUMN     "welcome_credits_due" INTEGER NOT NULL DEFAULT 0;

-- Accounts from before verification existed: one that entered through a provider did so with an address the
-- provider had verified (linking required it), so it counts as verified. Password-only accounts were never
-- checked: they confirm their address from the app's banner. They already received their full welcome credits,
-- so they owe nothing (welcome_credits_due 0).
UPDATE "users" u SET "email_verified_at" = u."created_at"
WHERE EXISTS (SELECT 1 FROM "accounts" a WHERE a."user_id" = u."id");
