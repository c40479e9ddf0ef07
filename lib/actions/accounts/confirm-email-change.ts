"use server";

import { confirmEmailChange } from "@/lib/accounts/confirm-email-change";
import { confirmEmailChangeSchema } from "@/lib/accounts/schemas";
import { toFormState } from "@/lib/errors/to-form-state";
import type { FormState } from "../form-state";
import { parseForm } from "../parse-form";

/** The new address's confirmation link (a POST from its page, so a mail scanner opening the link spends nothing). */
export async function confirmEmailChangeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(confirmEmailChangeSchema, formData);
  if (!parsed.ok) return { status: "error", message: "This link is not valid." };
  try {
    const { newEmail } = await confirmEmailChange(parsed.data.token);
    return { status: "success", message: `Done: you now sign in with ${newEmail}.` };
  } catch (error) {
    return toFormState(error);
  }
}
