import "server-only";
import { AccountTokenError } from "@/lib/accounts/tokens/account-token-error";
import { consumeAccountToken } from "@/lib/accounts/tokens/consume-account-token";
import { db } from "@/lib/db/client";
import { markEmailVerified } from "./mark-email-verified";

export type EmailLinkUser = { id: string; email: string; name: string | null };

/**
 * Uses a verification link: the token, the address's verification (with the rest of the welcome credits and
 * an ADMIN_EMAILS promotion) commit together or not at all. Returns the user to sign in. A link for an address
 * the account no longer has, or for a disabled account, is refused and stays unused.
 */
export async function verifyEmailLink(token: string): Promise<EmailLinkUser> {
  return db.$transaction(async (tx) => {
    const used = await consumeAccountToken({ token, purpose: "verify_email" }, tx);
    const user = await tx.user.findUnique({ where: { id: used.userId }, select: { id: true, email: true, name: true, disabled: true } });
    if (!user || user.disabled || user.email !== used.email) throw new AccountTokenError("unknown");
    await markEmailVerified({ userId: user.id, email: user.email }, tx);
    return { id: user.id, email: user.email, name: user.name };
  });
}
