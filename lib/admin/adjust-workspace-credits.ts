import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";

export type AdjustCreditsInput = {
  workspaceId: string;
  direction: "grant" | "deduct";
  amount: number;
  note: string;
  opId: string;
  actorId: string;
};

const OVERFLOW = "22003";

function isOverflow(error: unknown): boolean {
  return JSON.stringify(error instanceof Prisma.PrismaClientKnownRequestError ? error.meta ?? {} : {}).includes(OVERFLOW) ||
    (error instanceof Error && /out of range/i.test(error.message));
}

/**
 * A platform admin's grant (a `grant` entry, the kind lib/billing's grantCredits writes) or deduction (a negative `adjust` entry), with its audit row, in one
 * transaction. A deduction only goes through while the balance less what is held covers it (conditional UPDATE),
 * so open holds stay covered. The op id makes a resubmitted form apply once. Returns the balance after.
 */
export async function adjustWorkspaceCredits(input: AdjustCreditsInput): Promise<number> {
  try {
    return await db.$transaction(async (tx) => {
      const workspace = await tx.workspace.findUnique({ where: { id: input.workspaceId }, select: { id: true } });
      if (!workspace) throw new AppError("not_found", "That workspace no longer exists.");
      const grant = input.direction === "grant";
      // The entry first: when its op id already exists the form was sent twice, and nothing more happens.
      const entry = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO ledger_entries (id, workspace_id, kind, amount, op_id, actor_id, note)
        VALUES (gen_random_uuid(), ${workspace.id}::uuid, ${grant ? "grant" : "adjust"}::"LedgerKind", ${grant ? input.amount : -input.amount},
                ${`admin-${input.direction}:${input.opId}`}, ${input.actorId}::uuid, ${input.note})
        ON CONFLICT (op_id) DO NOTHING RETURNING id`;
      if (entry.length === 0) {
        const current = await tx.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { balance: true } });
        return current.balance;
      }
      // A deduction is conditional on the credits not held covering it; a refusal rolls the entry back.
      const updated = await tx.$queryRaw<{ balance: number }[]>`
        UPDATE workspaces SET balance = balance + ${grant ? input.amount : -input.amount}
        WHERE id = ${workspace.id}::uuid AND (${grant} OR balance - held >= ${input.amount})
        RETURNING balance`;
      if (!updated[0]) {
        throw new AppError("conflict", "That would take the balance below the credits held by calls in progress. Deduct less.", { field: "amount" });
      }
      const balance = Number(updated[0].balance);
      await audit(tx, input, balance);
      return balance;
    });
  } catch (error) {
    if (isOverflow(error)) throw new AppError("invalid_input", "That would take the balance past the largest number of credits a workspace can hold.", { field: "amount" });
    throw error;
  }
}

async function audit(tx: Prisma.TransactionClient, input: AdjustCreditsInput, balance: number) {
  await tx.auditLog.create({
    data: {
      actorId: input.actorId,
      workspaceId: input.workspaceId,
      action: input.direction === "grant" ? "credits.granted" : "credits.deducted",
      data: { amount: input.amount, note: input.note, balanceAfter: balance, opId: input.opId },
    },
  });
}
