import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createApiKey, type CreateApiKeyInput, type CreatedApiKey } from "./create-api-key";

export type CreateMemberApiKeyInput = Omit<CreateApiKeyInput, "workspaceId" | "membershipId" | "createdById" | "name"> & {
  workspaceSlug: string;
  email: string;
  name?: string;
};

/** Operator path (CLI): a key for the member with this email in the workspace with this slug. */
export async function createMemberApiKey(input: CreateMemberApiKeyInput): Promise<CreatedApiKey> {
  const email = input.email.trim().toLowerCase();
  const slug = input.workspaceSlug.trim().toLowerCase();
  const membership = await db.membership.findFirst({
    where: { workspace: { slug }, user: { email } },
    select: { id: true, workspaceId: true, userId: true },
  });
  if (!membership) throw new AppError("not_found", `No member ${email} in a workspace ${slug}`);
  return createApiKey({
    workspaceId: membership.workspaceId,
    membershipId: membership.id,
    createdById: membership.userId,
    name: input.name ?? "API key",
    models: input.models,
    expiresAt: input.expiresAt,
    rpm: input.rpm,
  });
}
