"use server";

import { clearEditJob } from "@/lib/jobs/clear-edit-job";
import { cancelEditSchema } from "@/lib/jobs/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

// The same input as a cancel: the workspace slug and the job id.
const clear = workspaceAction({ schema: cancelEditSchema, permission: "images.create" }, async (input, { user, workspace }) => {
  await clearEditJob({ userId: user.id, workspaceId: workspace.id }, input.jobId);
  return { status: "success", message: "Cleared." } satisfies FormState;
});

/** Clears one of the caller's finished edits from the studio's list (nothing else is deleted). */
export async function clearEditAction(formData: FormData): Promise<FormState> {
  return clear(undefined, formData);
}
