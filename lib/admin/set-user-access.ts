import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { lockActiveAdmins } from "./lock-active-admins";

/**
 * Disables or enables a person by id through the same path as `user:disable` (sessions end on their next
 * request, their keys stop at once via the users trigger's NOTIFY; audited). Disabling the last active platform
 * admin is refused, as demoting them is.
 */
export async function setUserAccess(input: { userId: string; disabled: boolean; actorId: string }): Promise<void> {
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { email: true } });
  if (!user) throw new AppError("not_found", "That user doesn't exist.");
  if (input.disabled) {
    // Checked under the admins' row locks; a promotion racing the disable can only add admins.
    await db.$transaction(async (tx) => {
      const admins = await lockActiveAdmins(tx);
      if (admins.length === 1 && admins[0] === input.userId) {
        throw new AppError("conflict", "This is the last platform admin. Promote someone else first.");
      }
    });
  }
  await setUserDisabled({ email: user.email, disabled: input.disabled, actorId: input.actorId });
}
