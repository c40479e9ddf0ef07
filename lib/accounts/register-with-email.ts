import "server-only";
import { consumeAuthAttempt } from "@/lib/auth/rate-limiters";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { createUser } from "@/lib/users/create-user";
import { sendAlreadyRegisteredMail } from "./send-already-registered-mail";
import { sendVerificationMail } from "./send-verification-mail";

export type RegisterWithEmailInput = { email: string; name?: string | null; password: string; origin: string; next?: string };

/**
 * Sign-up while mail is on, answering the same whether or not the address is registered (the caller always
 * shows "check your inbox"): a new address gets an unverified account on trial and a verification link; a
 * registered one gets nothing changed and its owner a notice instead. Both paths hash the password and send
 * one mail, so neither the answer nor its timing tells them apart. Mail to one address is rate-limited
 * (`accountMailPerAddress`); past it the answer is the same and nothing is sent.
 */
export async function registerWithEmail(input: RegisterWithEmailInput): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const mayMail = await consumeAuthAttempt("accountMailPerAddress", email).then(
    () => true,
    (error: unknown) => {
      if (isAppError(error) && error.code === "rate_limited") return false;
      throw error;
    },
  );
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, email: true, emailVerifiedAt: true } });
  if (existing) {
    await hashPassword(input.password); // the cost a new account's hash would have had
    if (mayMail) await sendAlreadyRegisteredMail({ user: existing, origin: input.origin, next: input.next });
    return;
  }
  let userId: string;
  try {
    userId = (await createUser({ email, name: input.name, password: input.password, emailVerified: false })).userId;
  } catch (error) {
    // Registered between our look-up and the insert: the same answer as any registered address.
    if (isAppError(error) && error.code === "conflict") {
      logger.info({ reason: "sign-up raced another for one address" }, "sign-up for a registered address");
      return;
    }
    throw error;
  }
  if (mayMail) await sendVerificationMail({ userId, email, origin: input.origin, next: input.next });
}
