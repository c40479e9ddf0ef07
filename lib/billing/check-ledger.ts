import "server-only";
import { db } from "@/lib/db/client";

export type LedgerDrift = {
  workspace: string;
  balance: number;
  expectedBalance: number;
  held: number;
  expectedHeld: number;
  openHolds: number;
};

/**
 * Recomputes every workspace's books from the append-only ledger: balance must equal grants + adjustments (signed) − charges, and
 * held must equal both the holds not yet released in the ledger and the open rows of the holds table.
 */
export async function checkLedger(): Promise<{ ok: boolean; drift: LedgerDrift[] }> {
  const rows = await db.$queryRaw<LedgerDrift[]>`
    WITH books AS (
      SELECT workspace_id,
             COALESCE(SUM(amount) FILTER (WHERE kind IN ('grant', 'adjust')), 0) - COALESCE(SUM(amount) FILTER (WHERE kind = 'charge'), 0) AS expected_balance,
             COALESCE(SUM(amount) FILTER (WHERE kind = 'hold'), 0) - COALESCE(SUM(amount) FILTER (WHERE kind = 'release'), 0) AS expected_held
      FROM ledger_entries GROUP BY workspace_id
    ), open_holds AS (
      SELECT workspace_id, SUM(amount) AS amount FROM holds WHERE status = 'open' GROUP BY workspace_id
    )
    SELECT w.slug AS workspace, w.balance, COALESCE(b.expected_balance, 0)::int AS "expectedBalance",
           w.held, COALESCE(b.expected_held, 0)::int AS "expectedHeld", COALESCE(h.amount, 0)::int AS "openHolds"
    FROM workspaces w
    LEFT JOIN books b ON b.workspace_id = w.id
    LEFT JOIN open_holds h ON h.workspace_id = w.id
    WHERE w.balance <> COALESCE(b.expected_balance, 0)
       OR w.held <> COALESCE(b.expected_held, 0)
       OR w.held <> COALESCE(h.amount, 0)
    ORDER BY w.slug`;
  const drift = rows.map((r) => ({
    workspace: r.workspace,
    balance: Number(r.balance),
    expectedBalance: Number(r.expectedBalance),
    held: Number(r.held),
    expectedHeld: Number(r.expectedHeld),
    openHolds: Number(r.openHolds),
  }));
  return { ok: drift.length === 0, drift };
}
