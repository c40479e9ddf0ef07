"use server";

import { revalidatePath } from "next/cache";
import { renameWorkspace } from "@/lib/workspaces/rename-workspace";
import { renameWorkspaceSchema } from "@/lib/workspaces/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

const rename = workspaceAction({ schema: renameWorkspaceSchema, permission: "workspace.edit", echo: ["name"] }, async (input, { user, workspace }) => {
  await renameWorkspace({ userId: user.id, workspaceId: workspace.id }, input.name);
  revalidatePath(`/${workspace.slug}`, "layout");
  return { status: "success", message: "Name saved." } satisfies FormState;
});

export async function renameWorkspaceAction(previous: FormState, formData: FormData): Promise<FormState> {
  return rename(previous, formData);
}
