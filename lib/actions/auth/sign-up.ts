"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { accountLinkOrigin } from "@/lib/accounts/account-link-origin";
import { registerWithEmail } from "@/lib/accounts/register-with-email";
import { signIn } from "@/lib/auth/auth";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { consumeAuthAttempt } from "@/lib/auth/rate-limiters";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { signUpSchema } from "@/lib/auth/schemas";
import { env } from "@/lib/env";
import { toFormState } from "@/lib/errors/to-form-state";
import { readInvitation } from "@/lib/invitations/read-invitation";
import { mailMode } from "@/lib/mail/mail-mode";
import { createUser } from "@/lib/users/create-user";
import type { FormState } from "../form-state";
import { parseForm } from "../parse-form";

const CLOSED = "Sign-up is closed on this Darkroom. Ask an administrator for an account.";

// With sign-up closed, a pending invitation (the link the person came from) still lets its own address in.
async function invitedHere(callbackUrl: string | undefined, email: string): Promise<boolean> {
  const token = /^\/invite\/([^/?#]+)$/.exec(callbackUrl ?? "")?.[1];
  const invitation = token ? await readInvitation(token) : null;
  return invitation?.state === "pending" && invitation.email === email;
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(signUpSchema, formData, ["name", "email"]);
  if (!parsed.ok) {
    // Field messages help only someone who may sign up: everyone when open, an invitation's visitor when closed.
    const mayTry = env.SIGNUP_MODE === "open" || String(formData.get("callbackUrl") ?? "").startsWith("/invite/");
    return mayTry ? parsed.state : { status: "error", message: CLOSED };
  }
  const { name, email, password, callbackUrl } = parsed.data;
  if (env.SIGNUP_MODE === "closed" && !(await invitedHere(callbackUrl, email))) return { status: "error", message: CLOSED };
  const values = { name, email };
  const requestHeaders = await headers();
  try {
    await consumeAuthAttempt("signUpPerIp", clientIpFrom(requestHeaders));
    if (mailMode() === "off") {
      // No mail in production: no way to verify the address, nor to tell an address's owner about a repeat
      // sign-up instead of answering here (README › Accounts › Without mail). The account starts unverified.
      const created = await createUser({ email, name, password, emailVerified: false });
      await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(callbackUrl, `/${created.workspaceSlug}`) });
      return { status: "success" };
    }
    const next = safeCallbackUrl(callbackUrl, "") || undefined;
    await registerWithEmail({ email, name, password, origin: accountLinkOrigin(requestHeaders), next });
  } catch (error) {
    return toFormState(error, values);
  }
  // The same page for a new and a registered address: only the mailbox learns which it was.
  const query = new URLSearchParams({ email });
  if (callbackUrl) query.set("callbackUrl", safeCallbackUrl(callbackUrl, "/"));
  redirect(`/sign-up/check-inbox?${query.toString()}`);
}
