import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createUser } from "@/lib/users/create-user";

export type OAuthIdentity = {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  /** Whether the provider says it verified that the person receives mail at `email`. */
  emailVerified: boolean;
  name: string | null | undefined;
};

/** Why an OAuth sign-in was refused; the sign-in page explains each (components/auth/oauth-refusal.ts). */
export type OAuthRefusal = "unverified_provider_email" | "unverified_account" | "disabled" | "signup_closed";

export type OAuthLinkResult = { ok: true; userId: string } | { ok: false; reason: OAuthRefusal };

/**
 * Resolves an OAuth identity to a Darkroom user: an already linked account; else an existing user with the same
 * address, linked now, but only when both sides have verified it (the provider for the identity, Darkroom for
 * the account), since otherwise whoever signed up first with someone else's address, or an unverified address
 * at the provider, would take over the other's account; else a new user, verified by the provider.
 */
export async function linkOAuthAccount(identity: OAuthIdentity): Promise<OAuthLinkResult> {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    select: { user: { select: { id: true, disabled: true } } },
  });
  if (linked) return linked.user.disabled ? { ok: false, reason: "disabled" } : { ok: true, userId: linked.user.id };
  const email = identity.email?.trim().toLowerCase();
  if (!email || !identity.emailVerified) return { ok: false, reason: "unverified_provider_email" };
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, disabled: true, emailVerifiedAt: true } });
  let userId: string;
  if (existing) {
    if (existing.disabled) return { ok: false, reason: "disabled" };
    // The owner of an unverified account proves it with their password, then connects the provider themselves.
    if (!existing.emailVerifiedAt) return { ok: false, reason: "unverified_account" };
    userId = existing.id;
  } else {
    if (env.SIGNUP_MODE === "closed") return { ok: false, reason: "signup_closed" };
    userId = (await createUser({ email, name: identity.name, emailVerified: true })).userId;
  }
  await db.account.upsert({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    create: { userId, provider: identity.provider, providerAccountId: identity.providerAccountId },
    update: {},
  });
  await db.auditLog.create({ data: { actorId: userId, action: "user.oauth_linked", target: userId, data: { provider: identity.provider } } });
  return { ok: true, userId };
}
