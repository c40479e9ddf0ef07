"use server";

import { revalidatePath } from "next/cache";
import { providerSchema } from "@/lib/accounts/settings-schemas";
import { unlinkSignInProvider } from "@/lib/accounts/unlink-sign-in-provider";
import type { FormState } from "../form-state";
import { accountAction } from "../account-action";

const unlink = accountAction({ schema: providerSchema }, async ({ provider }, user) => {
  await unlinkSignInProvider({ userId: user.id }, provider);
  revalidatePath("/account");
  return { status: "success", message: "Disconnected." };
});

export async function unlinkProviderAction(previous: FormState, formData: FormData): Promise<FormState> {
  return unlink(previous, formData);
}
