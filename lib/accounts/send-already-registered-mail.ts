import "server-only";
import { sendMail, type MailOutcome } from "@/lib/mail/send-mail";
import { sendVerificationMail } from "./send-verification-mail";

/**
 * Sign-up with an address that already has an account: the answer on screen is the same as for a new address,
 * and the owner is told here instead. An owner who never verified gets a fresh verification link with it
 * (they may simply have lost the first mail).
 */
export async function sendAlreadyRegisteredMail(input: {
  user: { id: string; email: string; emailVerifiedAt: Date | null };
  origin: string;
  next?: string;
}): Promise<MailOutcome> {
  const intro = `Someone, maybe you, tried to create a Darkroom account with ${input.user.email}, which already has one. Nothing was changed.`;
  if (!input.user.emailVerifiedAt) {
    return sendVerificationMail({ userId: input.user.id, email: input.user.email, origin: input.origin, next: input.next, intro });
  }
  const text = [
    intro,
    "",
    "If it was you, sign in instead:",
    new URL("/sign-in", input.origin).toString(),
    "",
    "Forgot your password? Use \"Forgot your password?\" on the sign-in page to get a reset link.",
    "If it wasn't you, you can ignore this message: nobody can sign in without your password or your email.",
  ].join("\n");
  return sendMail({ to: input.user.email, subject: "Someone tried to sign up with your address on Darkroom", text });
}
