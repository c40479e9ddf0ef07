import "server-only";
import type { db } from "@/lib/db/client";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * True when `slug` is a workspace's address, or a former address of another workspace (its old links
 * still redirect there, so nobody else may take it).
 */
export async function isSlugTaken(tx: Tx, slug: string, exceptWorkspaceId?: string): Promise<boolean> {
  const [workspace, redirect] = await Promise.all([
    tx.workspace.findUnique({ where: { slug }, select: { id: true } }),
    tx.slugRedirect.findUnique({ where: { slug }, select: { workspaceId: true } }),
  ]);
  if (workspace) return workspace.id !== exceptWorkspaceId;
  return Boolean(redirect && redirect.workspaceId !== exceptWorkspaceId);
}
