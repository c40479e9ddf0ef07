import "server-only";
import { db } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import type { AssetKind, WorkspaceRole } from "@/lib/db/generated/client";

export type MemberAsset = {
  id: string;
  workspaceId: string;
  kind: AssetKind;
  storageKey: string;
  thumbKey: string;
  mime: string;
  bytes: number;
  sha256: string;
  originalName: string | null;
  createdAt: Date;
  /** The caller's role in the asset's workspace. */
  role: WorkspaceRole;
};

/**
 * The asset with this id, only if the caller is a member of its workspace: the membership is part of the
 * query, so another workspace's asset is null exactly like a missing one (and so is a malformed id).
 */
export async function getMemberAsset(caller: { userId: string }, unverifiedAssetId: string): Promise<MemberAsset | null> {
  if (!isUuid(unverifiedAssetId) || !isUuid(caller.userId)) return null;
  const rows = await db.$queryRaw<MemberAsset[]>`
    SELECT a.id, a.workspace_id AS "workspaceId", a.kind, a.storage_key AS "storageKey", a.thumb_key AS "thumbKey",
           a.mime, a.bytes, a.sha256, a.original_name AS "originalName", a.created_at AS "createdAt",
           m.role
    FROM assets a
    JOIN memberships m ON m.workspace_id = a.workspace_id AND m.user_id = ${caller.userId}::uuid
    WHERE a.id = ${unverifiedAssetId}::uuid`;
  return rows[0] ?? null;
}
