import { db } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/db/generated/client";
import { createApiKey, type CreateApiKeyInput } from "@/lib/gateway/keys/create-api-key";
import { seedUser } from "./users";

/** A new user (with their own personal workspace) added to `workspaceId` with `role`. */
export async function seedMember(workspaceId: string, role: WorkspaceRole = "member") {
  const user = await seedUser();
  const membership = await db.membership.create({ data: { workspaceId, userId: user.userId, role }, select: { id: true } });
  return { ...user, membershipId: membership.id };
}

type SeedApiKeyOptions = Partial<Pick<CreateApiKeyInput, "name" | "models" | "expiresAt" | "rpm">> & {
  /** The owner of a workspace, as seedUser returns; default: a new user, keyed on their personal workspace. */
  owner?: { userId: string; workspaceId: string };
};

/** A working key of a workspace owner, made through createApiKey; returns the raw key too. */
export async function seedApiKey(options: SeedApiKeyOptions = {}) {
  const owner = options.owner ?? (await seedUser());
  const membership = await db.membership.findUniqueOrThrow({
    where: { workspaceId_userId: { workspaceId: owner.workspaceId, userId: owner.userId } },
    select: { id: true },
  });
  const created = await createApiKey({
    workspaceId: owner.workspaceId,
    membershipId: membership.id,
    createdById: owner.userId,
    name: options.name ?? "Test key",
    models: options.models,
    expiresAt: options.expiresAt,
    rpm: options.rpm,
  });
  return { ...created, workspaceId: owner.workspaceId, membershipId: membership.id, userId: owner.userId };
}
