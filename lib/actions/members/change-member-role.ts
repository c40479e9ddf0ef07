"use server";

import { revalidatePath } from "next/cache";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { changeMemberRoleSchema } from "@/lib/workspaces/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

const change = workspaceAction({ schema: changeMemberRoleSchema, permission: "members.manage" }, async (input, { user, workspace }) => {
  await changeMemberRole({ userId: user.id, workspaceId: workspace.id }, input.id, input.role);
  revalidatePath(`/${workspace.slug}/settings`);
  return { status: "success", message: "Role changed." } satisfies FormState;
});

export async function changeMemberRoleAction(previous: FormState, formData: FormData): Promise<FormState> {
  return change(previous, formData);
}
