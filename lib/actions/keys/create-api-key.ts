"use server";

import { revalidatePath } from "next/cache";
import { createApiKey } from "@/lib/gateway/keys/create-api-key";
import { createApiKeySchema } from "@/lib/gateway/keys/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

export type CreateApiKeyState = FormState & {
  /** Sent once, in the answer to the submit that created it; never stored anywhere readable. */
  created?: { key: string; name: string; models: string[] };
};

const create = workspaceAction(
  { schema: createApiKeySchema, permission: "keys.manage", arrays: ["models"], echo: ["name", "models", "expiresAt", "rpm"] },
  async (input, { user, workspace }): Promise<CreateApiKeyState> => {
    const created = await createApiKey({
      workspaceId: workspace.id,
      membershipId: workspace.membership.id,
      createdById: user.id,
      name: input.name,
      models: input.models,
      expiresAt: input.expiresAt ?? null,
      rpm: input.rpm ?? null,
    });
    revalidatePath(`/${workspace.slug}/keys`);
    return { status: "success", message: `Key “${input.name}” created.`, created: { key: created.key, name: input.name, models: input.models } };
  },
);

export async function createApiKeyAction(previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  return create(previous, formData);
}
