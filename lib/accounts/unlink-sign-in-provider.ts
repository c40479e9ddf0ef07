import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

/**
 * Disconnects a provider from the caller, never the last way in: with no password and one linked identity it is
 * refused. The user row is locked first, so two unlinks at once can't each see the other's identity as the spare.
 */
export async function unlinkSignInProvider(caller: { userId: string }, provider: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ hasPassword: boolean }>>`
      SELECT password_hash IS NOT NULL AS "hasPassword" FROM users WHERE id = ${caller.userId}::uuid FOR UPDATE`;
    if (!rows[0]) throw new AppError("unauthenticated", "Sign in again to continue.");
    const linked = await tx.account.findMany({ where: { userId: caller.userId }, select: { id: true, provider: true } });
    const doomed = linked.filter((a) => a.provider === provider);
    if (doomed.length === 0) throw new AppError("not_found", "That provider isn't connected to your account.");
    if (!rows[0].hasPassword && doomed.length === linked.length) {
      throw new AppError("conflict", "This is your only way to sign in. Set a password or connect another provider first.");
    }
    await tx.account.deleteMany({ where: { id: { in: doomed.map((a) => a.id) } } });
    await tx.auditLog.create({ data: { actorId: caller.userId, action: "account.provider_unlinked", target: provider } });
  });
}
