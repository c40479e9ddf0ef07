import "server-only";
import { db } from "@/lib/db/client";

export type EmailStatus = { email: string; verified: boolean; pendingEmail: string | null };

/**
 * The caller's address, whether it is verified, and a change to another address still waiting for its
 * confirmation (the newest unused, unexpired change_email link).
 */
export async function getEmailStatus(caller: { userId: string }): Promise<EmailStatus | null> {
  const user = await db.user.findUnique({
    where: { id: caller.userId },
    select: {
      email: true,
      emailVerifiedAt: true,
      accountTokens: {
        where: { purpose: "change_email", usedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { email: true },
      },
    },
  });
  if (!user) return null;
  return { email: user.email, verified: user.emailVerifiedAt !== null, pendingEmail: user.accountTokens[0]?.email ?? null };
}
