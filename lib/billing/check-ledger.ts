import "server-only";
import { db } from "@/lib/db/client";

export type LedgerDrift = {
  workspace: string;
  balance: number;
  expectedBalance: number;
  held: number;
  expectedHeld: number;
};

/**
 * Recomputes every workspace's books from the append-only ledger: balance must equal grants − charges
 * and held must equal the holds not yet released. Any difference is drift.
 */
export async function checkLedger(): Promise<{ ok: boolean; drift: LedgerDrift[] }> {
  const rows = await db.$queryRaw<LedgerDrift[]>`
    SELECT w.slug AS workspace,
           w.balance AS balance,
           COALESCE(SUM(e.amount) FILTER (WHERE e.kind = 'grant'), 0)::int
             - COALESCE(SUM(e.amount) FILTER (WHERE e.kind = 'charge'), 0)::int AS "expectedBalance",
           w.held AS held,
           COALESCE(SUM(e.amount) FILTER (WHERE e.kind = 'hold'), 0)::int
             - COALESCE(SUM(e.amount) FILTER (WHERE e.kind = 'release'), 0)::int AS "expectedHeld"
    FROM workspaces w
    LEFT JOIN ledger_entries e ON e.workspace_id = w.id
    GROUP BY w.id
    HAVING w.balance <> COALESCE(SUM(e.amount) FILTER (WHERE e.kind = 'grant'), 0)
                        - COALESCE(SUM(e.amount) FILTER (WHERE e.kind = 'charge'), 0)
        OR w.held <> COALESCE(SUM(e.amount) FILTER (WHERE e.kind = 'hold'), 0)
                     - COALESCE(SUM(e.amount) FILTER (WHERE e.kind = 'release'), 0)
    ORDER BY w.slug`;
  const drift = rows.map((r) => ({
    workspace: r.workspace,
    balance: Number(r.balance),
    expectedBalance: Number(r.expectedBalance),
    held: Number(r.held),
    expectedHeld: Number(r.expectedHeld),
  }));
  return { ok: drift.length === 0, drift };
}
