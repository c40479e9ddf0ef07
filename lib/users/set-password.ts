import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { hashPassword } from "@/lib/auth/password";
import { newPasswordField } from "@/lib/auth/schemas";

export async function setPassword(input: { email: string; password: string; actorId?: string | null }): Promise<void> {
  const password = newPasswordField.safeParse(input.password);
  if (!password.success) throw new AppError("invalid_input", `password: ${password.error.issues[0]?.message}`, { field: "password" });
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(password.data);
  const updated = await db.user.updateMany({ where: { email }, data: { passwordHash } });
  if (updated.count === 0) throw new AppError("not_found", `No user with email ${email}`);
  await db.auditLog.create({ data: { actorId: input.actorId ?? null, action: "user.password_set", target: email } });
}
