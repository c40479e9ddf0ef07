import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

export type WorkspaceStorage = { used: number; quota: number };

/** What a workspace stores against its quota, for one of its members (another workspace's id → null). */
export async function getWorkspaceStorage(caller: { userId: string; workspaceId: string }): Promise<WorkspaceStorage | null> {
  const workspace = await db.workspace.findFirst({
    where: { id: caller.workspaceId, memberships: { some: { userId: caller.userId } } },
    select: { storageUsed: true },
  });
  return workspace ? { used: Number(workspace.storageUsed), quota: env.STORAGE_QUOTA_BYTES } : null;
}
