import "server-only";
import { db } from "@/lib/db/client";

/** Why the workspace is suspended, for its members' banner; null when it is not. The caller has checked membership. */
export async function getWorkspaceSuspension(workspaceId: string): Promise<{ reason: string } | null> {
  const w = await db.workspace.findUnique({ where: { id: workspaceId }, select: { suspended: true, suspendedReason: true } });
  return w?.suspended ? { reason: w.suspendedReason ?? "No reason was given." } : null;
}
