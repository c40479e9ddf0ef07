import "server-only";
import { db } from "@/lib/db/client";
import { configuredOAuthProviders } from "@/lib/auth/configured-providers";

export type SignInMethods = {
  hasPassword: boolean;
  /** Every provider configured here or linked to the person, with when it was linked (null: not linked). */
  providers: Array<{ provider: string; configured: boolean; linkedAt: Date | null }>;
  /** Unlinking is refused when it would leave no way in. */
  canUnlink: boolean;
};

export async function listSignInMethods(caller: { userId: string }): Promise<SignInMethods> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: caller.userId },
    select: { passwordHash: true, accounts: { select: { provider: true, createdAt: true }, orderBy: { createdAt: "asc" } } },
  });
  const configured = configuredOAuthProviders();
  const names = [...new Set([...configured, ...user.accounts.map((a) => a.provider)])];
  const providers = names.map((provider) => ({
    provider,
    configured: configured.includes(provider),
    linkedAt: user.accounts.find((a) => a.provider === provider)?.createdAt ?? null,
  }));
  const hasPassword = Boolean(user.passwordHash);
  return { hasPassword, providers, canUnlink: hasPassword || user.accounts.length > 1 };
}
