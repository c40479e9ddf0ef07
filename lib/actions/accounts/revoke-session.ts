"use server";

import { revalidatePath } from "next/cache";
import { sessionIdSchema } from "@/lib/accounts/settings-schemas";
import { revokeUserSession } from "@/lib/sessions/revoke-user-session";
import type { FormState } from "../form-state";
import { accountAction } from "../account-action";

const revoke = accountAction({ schema: sessionIdSchema }, async ({ sessionId }, user) => {
  await revokeUserSession({ userId: user.id }, sessionId);
  revalidatePath("/account");
  return { status: "success", message: "That session is signed out." };
});

export async function revokeSessionAction(previous: FormState, formData: FormData): Promise<FormState> {
  return revoke(previous, formData);
}
