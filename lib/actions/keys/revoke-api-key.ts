"use server";

import { revalidatePath } from "next/cache";
import { revokeApiKey } from "@/lib/gateway/keys/revoke-api-key";
import { revokeApiKeySchema } from "@/lib/gateway/keys/schemas";
import { can } from "@/lib/workspaces/permissions";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

// Members revoke their own keys; "keys.manage_any" (admins, owners) revokes any key of the workspace.
const revoke = workspaceAction({ schema: revokeApiKeySchema, permission: "keys.manage" }, async (input, { user, workspace }) => {
  await revokeApiKey({
    id: input.id,
    workspaceId: workspace.id,
    createdById: can(workspace.membership.role, "keys.manage_any") ? undefined : user.id,
    actorId: user.id,
  });
  revalidatePath(`/${workspace.slug}/keys`);
  return { status: "success", message: "Key revoked. Requests using it are refused from now on." } satisfies FormState;
});

export async function revokeApiKeyAction(previous: FormState, formData: FormData): Promise<FormState> {
  return revoke(previous, formData);
}
