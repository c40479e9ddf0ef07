import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { grantCredits } from "./grant-credits";

/** An administrative grant to a workspace named by slug (CLI, admin UI); audited. Returns the new balance. */
export async function grantWorkspaceCredits(input: {
  workspaceSlug: string;
  amount: number;
  note?: string | null;
  actorId?: string | null;
}): Promise<number> {
  const workspace = await db.workspace.findUnique({ where: { slug: input.workspaceSlug.toLowerCase() }, select: { id: true } });
  if (!workspace) throw new AppError("not_found", `No workspace with slug ${input.workspaceSlug}`);
  return db.$transaction(async (tx) => {
    const balance = await grantCredits(
      { workspaceId: workspace.id, amount: input.amount, opId: `grant:${randomUUID()}`, actorId: input.actorId, note: input.note },
      tx,
    );
    await tx.auditLog.create({
      data: { actorId: input.actorId ?? null, workspaceId: workspace.id, action: "credits.granted", data: { amount: input.amount, note: input.note ?? null } },
    });
    return balance;
  });
}
