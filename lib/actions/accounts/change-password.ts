"use server";

import { revalidatePath } from "next/cache";
import { changePassword } from "@/lib/accounts/change-password";
import { changePasswordSchema } from "@/lib/accounts/settings-schemas";
import type { FormState } from "../form-state";
import { accountAction } from "../account-action";

const change = accountAction({ schema: changePasswordSchema }, async (input, user) => {
  const ended = await changePassword({ userId: user.id, sessionId: user.sessionId ?? null }, input);
  revalidatePath("/account");
  const others = ended === 0 ? "" : ` ${ended} other session${ended === 1 ? "" : "s"} signed out.`;
  return { status: "success", message: `Password changed.${others}` };
});

export async function changePasswordAction(previous: FormState, formData: FormData): Promise<FormState> {
  return change(previous, formData);
}
