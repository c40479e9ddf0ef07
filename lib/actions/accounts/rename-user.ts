"use server";

import { revalidatePath } from "next/cache";
import { renameUser } from "@/lib/accounts/rename-user";
import { renameUserSchema } from "@/lib/accounts/settings-schemas";
import type { FormState } from "../form-state";
import { accountAction } from "../account-action";

const rename = accountAction({ schema: renameUserSchema, echo: ["name"] }, async ({ name }, user) => {
  await renameUser({ userId: user.id }, name);
  revalidatePath("/account");
  return { status: "success", message: "Name saved.", values: { name } };
});

export async function renameUserAction(previous: FormState, formData: FormData): Promise<FormState> {
  return rename(previous, formData);
}
