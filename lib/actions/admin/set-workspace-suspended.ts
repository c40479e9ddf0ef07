"use server";

import { revalidatePath } from "next/cache";
import { setWorkspaceSuspendedSchema } from "@/lib/admin/schemas";
import { setWorkspaceSuspended } from "@/lib/admin/set-workspace-suspended";
import type { FormState } from "../form-state";
import { adminAction } from "./admin-action";

const setSuspended = adminAction({ schema: setWorkspaceSuspendedSchema, echo: ["reason"] }, async (input, { admin }) => {
  await setWorkspaceSuspended({ workspaceId: input.unverifiedWorkspaceId, suspended: input.suspended, reason: input.reason, actorId: admin.id });
  revalidatePath("/admin", "layout");
  return {
    status: "success",
    message: input.suspended ? "Suspended: its keys get 403 and the studio is read-only." : "Resumed: calls and edits work again.",
  } satisfies FormState;
});

export async function setWorkspaceSuspendedAction(previous: FormState, formData: FormData): Promise<FormState> {
  return setSuspended(previous, formData);
}
