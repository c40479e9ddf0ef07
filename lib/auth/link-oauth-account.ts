import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createUser } from "@/lib/users/create-user";

export type OAuthIdentity = {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  emailVerified: boolean;
  name: string | null | undefined;
};

/**
 * Resolves an OAuth identity to a Darkroom user id: an already linked account, else an existing user with
 * the same verified email (linked now), else a new user (when sign-ups are open). null = refuse sign-in.
 */
export async function linkOAuthAccount(identity: OAuthIdentity): Promise<string | null> {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    select: { user: { select: { id: true, disabled: true } } },
  });
  if (linked) return linked.user.disabled ? null : linked.user.id;
  const email = identity.email?.trim().toLowerCase();
  // Linking by email is only safe when the provider has verified that the person owns the address.
  if (!email || !identity.emailVerified) return null;
  let user = await db.user.findUnique({ where: { email }, select: { id: true, disabled: true } });
  if (user?.disabled) return null;
  if (!user) {
    if (env.SIGNUP_MODE === "closed") return null;
    const created = await createUser({ email, name: identity.name });
    user = { id: created.userId, disabled: false };
  }
  await db.account.upsert({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    create: { userId: user.id, provider: identity.provider, providerAccountId: identity.providerAccountId },
    update: {},
  });
  return user.id;
}
