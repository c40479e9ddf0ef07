"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { verifyEmailSchema } from "@/lib/accounts/schemas";
import { toFormState } from "@/lib/errors/to-form-state";
import type { FormState } from "../form-state";
import { parseForm } from "../parse-form";

const PROBLEMS: Record<string, string> = {
  used: "This link has already been used. Sign in, or ask for a new link below.",
  expired: "This link has expired or was replaced by a newer one. Ask for a new link below.",
};
const UNKNOWN = "This link is not valid. Check that you copied all of it, or ask for a new link below.";

/**
 * The verification link's button: POSTed, not run on GET, so a mail scanner opening the link cannot use it up.
 * Verifies the address and signs its owner in through the `email-link` provider.
 */
export async function verifyEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(verifyEmailSchema, formData);
  if (!parsed.ok) return { status: "error", message: UNKNOWN };
  try {
    await signIn("email-link", { token: parsed.data.token, redirectTo: safeCallbackUrl(parsed.data.next, "/") });
    return { status: "success" };
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error && typeof error.code === "string" ? error.code : "";
      return { status: "error", message: PROBLEMS[code] ?? UNKNOWN };
    }
    return toFormState(error);
  }
}
