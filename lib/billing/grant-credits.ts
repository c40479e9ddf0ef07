import "server-only";
import { db } from "@/lib/db/client";
import type { DbClient } from "@/lib/db/types";
import { isIntegerOutOfRange } from "@/lib/db/is-integer-out-of-range";
import { AppError } from "@/lib/errors/app-error";
import { BOUNDS, INT4_MAX, wholeNumberRule } from "@/lib/validation/whole-number";

export type GrantCreditsInput = {
  workspaceId: string;
  amount: number;
  /** Unique per operation: granting twice with the same id applies once. */
  opId: string;
  actorId?: string | null;
  note?: string | null;
};

/**
 * Adds credits as a ledger `grant` and raises the balance in the same statement, so the books balance
 * at every moment. Returns the balance after the grant (also when the operation had already been applied).
 */
export async function grantCredits(input: GrantCreditsInput, client: DbClient = db): Promise<number> {
  const { min, max } = BOUNDS.creditGrant;
  if (!Number.isSafeInteger(input.amount) || input.amount < min || input.amount > max) {
    throw new AppError("invalid_input", `The amount must be ${wholeNumberRule(BOUNDS.creditGrant)} credits`, { field: "amount" });
  }
  const rows = await client.$queryRaw<{ balance: number }[]>`
    WITH entry AS (
      INSERT INTO ledger_entries (id, workspace_id, kind, amount, op_id, actor_id, note)
      VALUES (gen_random_uuid(), ${input.workspaceId}::uuid, 'grant', ${input.amount}, ${input.opId},
              ${input.actorId ?? null}::uuid, ${input.note ?? null})
      ON CONFLICT (op_id) DO NOTHING
      RETURNING workspace_id, amount
    )
    UPDATE workspaces w SET balance = w.balance + entry.amount
    FROM entry WHERE w.id = entry.workspace_id
    RETURNING w.balance`.catch((error: unknown) => {
    // The whole statement (ledger entry included) rolled back: nothing half-written.
    if (isIntegerOutOfRange(error)) {
      throw new AppError("invalid_input", `The balance would exceed ${INT4_MAX.toLocaleString("en-US")} credits, the most a workspace holds`, { field: "amount" });
    }
    throw error;
  });
  if (rows[0]) return Number(rows[0].balance);
  const workspace = await client.workspace.findUnique({ where: { id: input.workspaceId }, select: { balance: true } });
  if (!workspace) throw new AppError("not_found", "Workspace not found");
  return workspace.balance;
}
