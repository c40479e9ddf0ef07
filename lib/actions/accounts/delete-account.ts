"use server";

import { signOut } from "@/lib/auth/auth";
import { deleteAccount, OwnsTeamsError } from "@/lib/accounts/delete-account";
import { deleteAccountSchema } from "@/lib/accounts/settings-schemas";
import type { FormState } from "../form-state";
import { accountAction } from "../account-action";

const remove = accountAction({ schema: deleteAccountSchema, echo: ["confirmation"] }, async ({ confirmation }, user) => {
  try {
    await deleteAccount({ userId: user.id }, confirmation);
  } catch (error) {
    if (error instanceof OwnsTeamsError) {
      return { status: "error", message: error.message, values: { confirmation, ownedTeams: error.teams.map((t) => t.slug).join(",") } };
    }
    throw error;
  }
  await signOut({ redirectTo: "/sign-in?deleted=1" });
  return { status: "success" };
});

export async function deleteAccountAction(previous: FormState, formData: FormData): Promise<FormState> {
  return remove(previous, formData);
}
