"use server";

import { revalidatePath } from "next/cache";
import { setUserDisabledSchema } from "@/lib/admin/schemas";
import { setUserAccess } from "@/lib/admin/set-user-access";
import type { FormState } from "../form-state";
import { adminAction } from "./admin-action";

const setDisabled = adminAction({ schema: setUserDisabledSchema }, async (input, { admin }) => {
  await setUserAccess({ userId: input.unverifiedUserId, disabled: input.disabled, actorId: admin.id });
  revalidatePath("/admin", "layout");
  return {
    status: "success",
    message: input.disabled ? "Disabled: their sessions and API keys stopped working." : "Enabled: they can sign in again (old sessions stay ended).",
  } satisfies FormState;
});

export async function setUserDisabledAction(previous: FormState, formData: FormData): Promise<FormState> {
  return setDisabled(previous, formData);
}
