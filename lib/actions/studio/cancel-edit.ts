"use server";

import { cancelEditJob } from "@/lib/jobs/cancel-edit-job";
import { cancelEditSchema } from "@/lib/jobs/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

// cancelEditJob decides whose edit this member may stop (their own, or any with "images.delete_any").
const cancel = workspaceAction({ schema: cancelEditSchema, permission: "images.create" }, async (input, { user, workspace }) => {
  await cancelEditJob({ userId: user.id, workspaceId: workspace.id }, input.jobId);
  return { status: "success", message: "Cancelling the edit…" } satisfies FormState;
});

/** Cancels a queued or running edit; its tile hears the outcome (and the credits charged) on its event stream. */
export async function cancelEditAction(formData: FormData): Promise<FormState> {
  return cancel(undefined, formData);
}
