"use server";

import { headers } from "next/headers";
import { accountLinkOrigin } from "@/lib/accounts/account-link-origin";
import { resendVerification } from "@/lib/accounts/resend-verification";
import { resendVerificationSchema } from "@/lib/accounts/schemas";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { getCurrentUser } from "@/lib/auth/current-user";
import { consumeAuthAttempt } from "@/lib/auth/rate-limiters";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { toFormState } from "@/lib/errors/to-form-state";
import type { FormState } from "../form-state";
import { parseForm } from "../parse-form";

/**
 * "Send the link again": for the signed-in person (the app's banner) their own address; otherwise (the
 * check-your-inbox page) the address typed, with the same answer whether or not it has an account.
 */
export async function resendVerificationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(resendVerificationSchema, formData, ["email"]);
  if (!parsed.ok) return parsed.state;
  const requestHeaders = await headers();
  const user = await getCurrentUser();
  const email = user?.email ?? parsed.data.email;
  if (!email) return { status: "error", fieldErrors: { email: ["Enter your email address"] } };
  try {
    if (!user) await consumeAuthAttempt("signUpPerIp", clientIpFrom(requestHeaders));
    const next = safeCallbackUrl(parsed.data.next, "") || undefined;
    await resendVerification({ email, origin: accountLinkOrigin(requestHeaders), next });
  } catch (error) {
    return toFormState(error, { email });
  }
  return {
    status: "success",
    message: user ? `A new link is on its way to ${email}.` : `If ${email} is waiting for confirmation, a new link is on its way.`,
    values: { email },
  };
}
