"use server";

import { after } from "next/server";
import { headers } from "next/headers";
import { forgotPasswordSchema } from "@/lib/accounts/settings-schemas";
import { accountLinkOrigin } from "@/lib/accounts/account-link-origin";
import { requestPasswordReset } from "@/lib/accounts/request-password-reset";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { toFormState } from "@/lib/errors/to-form-state";
import { logger } from "@/lib/log/logger";
import type { FormState } from "../form-state";
import { parseForm } from "../parse-form";

// The same words whether or not the address has an account.
const SENT = "If an account uses that address, we've emailed it a link to choose a new password. The link works for one hour.";

export async function requestPasswordResetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(forgotPasswordSchema, formData, ["email"]);
  if (!parsed.ok) return parsed.state;
  const values = { email: parsed.data.email };
  try {
    const requestHeaders = await headers();
    const ip = clientIpFrom(requestHeaders);
    // The mail goes out after the answer, so an existing account doesn't answer slower than a missing one.
    await requestPasswordReset({ email: parsed.data.email, ip, origin: accountLinkOrigin(requestHeaders) }, (work) =>
      after(() => work().catch((err: unknown) => logger.warn({ err }, "password reset mail failed"))),
    );
    return { status: "success", message: SENT, values };
  } catch (error) {
    return toFormState(error, values);
  }
}
