"use server";

import { revalidatePath } from "next/cache";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { invitationRefSchema } from "@/lib/workspaces/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

const revoke = workspaceAction({ schema: invitationRefSchema, permission: "members.manage" }, async (input, { user, workspace }) => {
  await revokeInvitation({ userId: user.id, workspaceId: workspace.id }, input.id);
  revalidatePath(`/${workspace.slug}/settings`);
  return { status: "success", message: "Invitation withdrawn." } satisfies FormState;
});

export async function revokeInvitationAction(previous: FormState, formData: FormData): Promise<FormState> {
  return revoke(previous, formData);
}
