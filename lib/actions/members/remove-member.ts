"use server";

import { revalidatePath } from "next/cache";
import { removeMember } from "@/lib/members/remove-member";
import { memberRefSchema } from "@/lib/workspaces/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

const remove = workspaceAction({ schema: memberRefSchema, permission: "members.manage" }, async (input, { user, workspace }) => {
  await removeMember({ userId: user.id, workspaceId: workspace.id }, input.id);
  revalidatePath(`/${workspace.slug}/settings`);
  return { status: "success", message: "Member removed. Their API keys stopped working; their images stay in the gallery." } satisfies FormState;
});

export async function removeMemberAction(previous: FormState, formData: FormData): Promise<FormState> {
  return remove(previous, formData);
}
