import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

/**
 * Disables (or re-enables) an account. Sessions are JWTs checked against this flag on every request, so a
 * disabled person is signed out on their next request; their API keys stop resolving too.
 */
export async function setUserDisabled(input: { email: string; disabled: boolean; actorId?: string | null }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const updated = await db.user.updateMany({
    where: { email },
    // disabledAt stays after re-enabling: sessions issued before the last disable remain dead.
    data: input.disabled ? { disabled: true, disabledAt: new Date() } : { disabled: false },
  });
  if (updated.count === 0) throw new AppError("not_found", `No user with email ${email}`);
  await db.auditLog.create({
    data: { actorId: input.actorId ?? null, action: input.disabled ? "user.disabled" : "user.enabled", target: email },
  });
}
