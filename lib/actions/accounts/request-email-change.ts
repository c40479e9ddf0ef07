"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { accountLinkOrigin } from "@/lib/accounts/account-link-origin";
import { requestEmailChange } from "@/lib/accounts/request-email-change";
import { changeEmailSchema } from "@/lib/accounts/schemas";
import { getCurrentUser } from "@/lib/auth/current-user";
import { toFormState } from "@/lib/errors/to-form-state";
import type { FormState } from "../form-state";
import { parseForm } from "../parse-form";

export async function requestEmailChangeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(changeEmailSchema, formData, ["email"]);
  if (!parsed.ok) return parsed.state;
  const user = await getCurrentUser();
  if (!user) return { status: "error", message: "Your session has ended. Sign in again." };
  const { email, password } = parsed.data;
  try {
    await requestEmailChange({ userId: user.id }, { newEmail: email, password, origin: accountLinkOrigin(await headers()) });
  } catch (error) {
    return toFormState(error, { email });
  }
  revalidatePath("/account");
  return { status: "success", message: `We sent a link to ${email}. Open it to confirm; until then you keep signing in with ${user.email}.` };
}
