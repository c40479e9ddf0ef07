import type { WorkspaceStatement } from "./get-workspace-statement";

export type StatementCheck = { label: string; statement: number; ledger: number; ok: boolean };

/**
 * The statement against the ledger, line by line: each model's credits (usage records) against the ledger's
 * charges for the same calls, their totals, the balance carried from the opening through what was booked to the
 * closing, and (for a period reaching today) the closing against the workspace's balance. Every line must agree to
 * the credit; the page shows a line that doesn't in red.
 */
export function reconcileStatement(s: WorkspaceStatement): StatementCheck[] {
  const check = (label: string, statement: number, ledger: number) => ({ label, statement, ledger, ok: statement === ledger });
  const checks = s.models.map((m) => check(`Charges for ${m.model} calls`, m.credits, m.ledgerCharged));
  const credits = s.models.reduce((sum, m) => sum + m.credits, 0);
  const charged = s.models.reduce((sum, m) => sum + m.ledgerCharged, 0);
  checks.push(check("Charges for all calls of the period", credits, charged));
  checks.push(check("Opening + grants + adjustments − charges booked = closing", s.opening + s.booked.grants + s.booked.adjusts - s.booked.charges, s.closing));
  if (s.current) checks.push(check("Closing balance = the workspace's balance now", s.workspace.balance, s.closing));
  return checks;
}
