"use server";

import { revalidatePath } from "next/cache";
import { transferOwnership } from "@/lib/members/transfer-ownership";
import { memberRefSchema } from "@/lib/workspaces/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

const transfer = workspaceAction({ schema: memberRefSchema, permission: "ownership.transfer" }, async (input, { user, workspace }) => {
  await transferOwnership({ userId: user.id, workspaceId: workspace.id }, input.id);
  revalidatePath(`/${workspace.slug}`, "layout");
  return { status: "success", message: "Ownership transferred. You are now an admin." } satisfies FormState;
});

export async function transferOwnershipAction(previous: FormState, formData: FormData): Promise<FormState> {
  return transfer(previous, formData);
}
