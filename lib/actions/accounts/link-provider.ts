"use server";

import { signIn } from "@/lib/auth/auth";
import { configuredOAuthProviders } from "@/lib/auth/configured-providers";
import { providerSchema } from "@/lib/accounts/settings-schemas";
import { AppError } from "@/lib/errors/app-error";
import type { FormState } from "../form-state";
import { accountAction } from "../account-action";

/**
 * Starts the provider's sign-in while signed in: Auth.js's signIn callback sees the session and attaches the
 * identity to this person (lib/auth/auth.ts), then comes back to the account page.
 */
const link = accountAction({ schema: providerSchema }, async ({ provider }) => {
  if (!configuredOAuthProviders().includes(provider)) throw new AppError("not_found", "That provider isn't available here.");
  await signIn(provider, { redirectTo: "/account?link=done" });
  return { status: "success" };
});

export async function linkProviderAction(previous: FormState, formData: FormData): Promise<FormState> {
  return link(previous, formData);
}
