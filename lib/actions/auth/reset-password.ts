"use server";

import { redirect } from "next/navigation";
import { resetPasswordSchema } from "@/lib/accounts/settings-schemas";
import { resetPassword } from "@/lib/accounts/reset-password";
import { toFormState } from "@/lib/errors/to-form-state";
import type { FormState } from "../form-state";
import { parseForm } from "../parse-form";

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(resetPasswordSchema, formData);
  if (!parsed.ok) return parsed.state;
  try {
    await resetPassword({ token: parsed.data.token, password: parsed.data.password });
  } catch (error) {
    return toFormState(error);
  }
  redirect("/sign-in?reset=1");
}
