"use server";

import { redirect } from "next/navigation";
import { deleteTeamWorkspace } from "@/lib/workspaces/delete-team-workspace";
import { deleteWorkspaceSchema } from "@/lib/workspaces/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

const remove = workspaceAction({ schema: deleteWorkspaceSchema, permission: "workspace.delete" }, async (input, { user, workspace }) => {
  await deleteTeamWorkspace({ userId: user.id, workspaceId: workspace.id }, input.confirmation);
  redirect("/");
});

export async function deleteWorkspaceAction(previous: FormState, formData: FormData): Promise<FormState> {
  return remove(previous, formData);
}
