import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { markEmailVerified, type MarkEmailVerifiedResult } from "./mark-email-verified";

/**
 * An operator vouches for an account's address (the CLI's user:verify-email): the way to verify while this
 * instance sends no mail. Same effect as the mailed link, including the rest of the welcome credits, once.
 */
export async function verifyEmailByOperator(input: { email: string }): Promise<MarkEmailVerifiedResult> {
  const email = input.email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new AppError("not_found", `No user with email ${email}`);
  const result = await markEmailVerified({ userId: user.id, email });
  await db.auditLog.create({ data: { actorId: null, action: "user.email_verified", target: user.id, data: { by: "operator", creditsGranted: result.creditsGranted } } });
  return result;
}
