"use server";

import { redirect } from "next/navigation";
import { leaveWorkspace } from "@/lib/members/leave-workspace";
import { leaveWorkspaceSchema } from "@/lib/workspaces/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

const leave = workspaceAction({ schema: leaveWorkspaceSchema, permission: "workspace.view", whileSuspended: true }, async (_input, { user, workspace }) => {
  await leaveWorkspace({ userId: user.id, workspaceId: workspace.id });
  redirect("/");
});

export async function leaveWorkspaceAction(previous: FormState, formData: FormData): Promise<FormState> {
  return leave(previous, formData);
}
