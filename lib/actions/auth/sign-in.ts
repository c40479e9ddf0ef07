"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { signInSchema } from "@/lib/auth/schemas";
import { toFormState } from "@/lib/errors/to-form-state";
import type { FormState } from "../form-state";
import { parseForm } from "../parse-form";

// One message for unknown email, wrong password and disabled account: none may be told apart.
const WRONG_CREDENTIALS = "That email and password don't match an account.";

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(signInSchema, formData, ["email"]);
  if (!parsed.ok) return parsed.state;
  const { email, password, callbackUrl } = parsed.data;
  const values = { email };
  await headers(); // sign-in depends on the request (cookies, client address): never prerendered
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(callbackUrl, "/") });
    return { status: "success" };
  } catch (error) {
    if (error instanceof AuthError) {
      const rateLimited = "code" in error && error.code === "rate_limited";
      return {
        status: "error",
        message: rateLimited ? "Too many sign-in attempts. Wait a few minutes and try again." : WRONG_CREDENTIALS,
        values,
      };
    }
    return toFormState(error, values);
  }
}
