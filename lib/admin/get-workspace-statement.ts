import "server-only";
import { getPool } from "@/lib/db/client";
import type { BillingPeriod } from "@/lib/billing/schemas";
import { splitRollupRanges } from "@/lib/usage/split-rollup-ranges";

export type StatementModelLine = {
  model: string;
  calls: number;
  failedCalls: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  images: number;
  /** What these calls cost, by the usage rollups (what the usage records say, summed as they were written). */
  credits: number;
  /** What the ledger charged for the same calls (their `charge:<hold>` entries). */
  ledgerCharged: number;
};

export type StatementLedgerLine = {
  id: string;
  createdAt: Date;
  kind: "grant" | "adjust";
  amount: number;
  note: string | null;
  /** A refund: the usage record it gives back. */
  usageRecordId: string | null;
  refundedModel: string | null;
};

export type WorkspaceStatement = {
  workspace: { id: string; slug: string; name: string; balance: number; held: number };
  period: BillingPeriod;
  models: StatementModelLine[];
  /** Calls of the period still running (their holds open): not charged yet, so not on the statement. */
  pendingCalls: number;
  ledger: StatementLedgerLine[];
  /** Balance-moving ledger entries booked in the period, by kind. */
  booked: { grants: number; adjusts: number; charges: number; chargeEntries: number };
  /** The ledger's balance before the period and at its end (sums of every entry before those instants). */
  opening: number;
  closing: number;
  /** The period reaches the present: the closing balance must be the workspace's balance column. */
  current: boolean;
};

const n = (v: unknown) => Number(v ?? 0);

// Calls are put in the period by when they were made (as the usage export and the Usage page do); the ledger's
// grants and adjustments by when they were booked. The calls' numbers come from the rollups (whole UTC months, days
// and edge hours of the period, plus the deltas not folded yet: exact at every moment, see CONTRIBUTING › Usage
// rollups), never from a scan of the records. What the ledger charged for the same calls is summed from the ledger
// itself: a charge is tied to its call through its hold (`charge:<hold id>`), so "what the calls cost" (the
// rollups) and "what the ledger charged for them" are two independent sums, and must agree to the credit.
const SUMS = `model, calls, failed_calls, prompt_tokens, completion_tokens, total_tokens, images, credits`;
const cube = (table: string, column: string, from: string, to: string) => `
  SELECT ${SUMS} FROM unnest(${from}::timestamptz[], ${to}::timestamptz[]) AS p(lo, hi),
    LATERAL (SELECT ${SUMS} FROM ${table} WHERE workspace_id = $1 AND ${column} >= p.lo AND ${column} < p.hi) AS r`;
const MODELS = `
  WITH parts AS (
    ${cube("usage_rollups_monthly", "month", "$4", "$5")}
    UNION ALL ${cube("usage_rollups_daily", "day", "$6", "$7")}
    UNION ALL ${cube("usage_rollups_hourly", "hour", "$8", "$9")}
    UNION ALL SELECT ${SUMS} FROM usage_rollup_deltas WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3
  ),
  usage AS (
    SELECT model, sum(calls) AS calls, sum(failed_calls) AS failed_calls, sum(prompt_tokens) AS prompt_tokens,
           sum(completion_tokens) AS completion_tokens, sum(total_tokens) AS total_tokens, sum(images) AS images,
           sum(credits) AS credits
    FROM parts GROUP BY model
  ),
  charged AS (
    SELECT u.model, sum(l.amount) AS ledger_charged
    FROM usage_records u
    JOIN holds h ON h.usage_record_id = u.id
    JOIN ledger_entries l ON l.op_id = 'charge:' || h.id
    WHERE u.workspace_id = $1 AND u.created_at >= $2 AND u.created_at < $3
    GROUP BY u.model
  )
  SELECT COALESCE(usage.model, charged.model) AS model, COALESCE(calls, 0) AS calls, COALESCE(failed_calls, 0) AS failed_calls,
         COALESCE(prompt_tokens, 0) AS prompt_tokens, COALESCE(completion_tokens, 0) AS completion_tokens,
         COALESCE(total_tokens, 0) AS total_tokens, COALESCE(images, 0) AS images, COALESCE(credits, 0) AS credits,
         COALESCE(ledger_charged, 0) AS ledger_charged
  FROM usage FULL JOIN charged ON charged.model = usage.model
  -- A model whose calls a later change took back entirely (−1 and +1 deltas) leaves a row of zeros: not a line.
  WHERE COALESCE(calls, 0) <> 0 OR COALESCE(credits, 0) <> 0 OR COALESCE(ledger_charged, 0) <> 0
  ORDER BY credits DESC, model`;

// Calls still running have an open hold; open holds are few and indexed by status, so this reads no history.
const PENDING = `
  SELECT count(*) FROM holds h JOIN usage_records u ON u.id = h.usage_record_id
  WHERE h.status = 'open' AND h.workspace_id = $1 AND u.created_at >= $2 AND u.created_at < $3 AND u.status = 'pending'`;

const BOOKS = `
  SELECT
    COALESCE(sum(amount) FILTER (WHERE kind = 'grant' AND created_at >= $2), 0) AS grants,
    COALESCE(sum(amount) FILTER (WHERE kind = 'adjust' AND created_at >= $2), 0) AS adjusts,
    COALESCE(sum(amount) FILTER (WHERE kind = 'charge' AND created_at >= $2), 0) AS charges,
    count(*) FILTER (WHERE kind = 'charge' AND created_at >= $2) AS charge_entries,
    COALESCE(sum(CASE kind WHEN 'charge' THEN -amount ELSE amount END) FILTER (WHERE created_at < $2), 0) AS opening,
    COALESCE(sum(CASE kind WHEN 'charge' THEN -amount ELSE amount END), 0) AS closing
  FROM ledger_entries
  WHERE workspace_id = $1 AND created_at < $3 AND kind IN ('grant', 'adjust', 'charge')`;

const LINES = `
  SELECT l.id, l.created_at, l.kind::text AS kind, l.amount, l.note, l.usage_record_id, u.model AS refunded_model
  FROM ledger_entries l
  LEFT JOIN usage_records u ON u.id = l.usage_record_id
  WHERE l.workspace_id = $1 AND l.created_at >= $2 AND l.created_at < $3 AND l.kind IN ('grant', 'adjust')
  ORDER BY l.created_at, l.id
  LIMIT 500`;

/**
 * A workspace's statement for a period, for platform admins: calls, tokens, images and credits per model; the
 * grants and adjustments (refunds included) booked; and what the checks need: the ledger's own charges for the
 * same calls, and its balance before and after. Read in one snapshot, so the numbers belong together. Null when
 * there is no such workspace.
 */
export async function getWorkspaceStatement(slug: string, period: BillingPeriod): Promise<WorkspaceStatement | null> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: found } = await client.query<{ id: string; slug: string; name: string; balance: number; held: number }>(
      `SELECT id, slug, name, balance, held FROM workspaces WHERE slug = $1`,
      [slug.toLowerCase()],
    );
    const workspace = found[0];
    if (!workspace) return null;
    const args = [workspace.id, period.since, period.until];
    const ranges = splitRollupRanges(period.since, period.until);
    const bounds = (list: [Date, Date][]) => [list.map(([from]) => from), list.map(([, to]) => to)];
    const models = await client.query(MODELS, [...args, ...bounds(ranges.month), ...bounds(ranges.day), ...bounds(ranges.hour)]);
    const pending = await client.query<{ count: string }>(PENDING, args);
    const books = (await client.query(BOOKS, args)).rows[0];
    const lines = await client.query(LINES, args);
    const { rows: clock } = await client.query<{ now: Date }>("SELECT now()");
    return {
      workspace,
      period,
      models: models.rows.map((r) => ({
        model: r.model,
        calls: n(r.calls),
        failedCalls: n(r.failed_calls),
        promptTokens: n(r.prompt_tokens),
        completionTokens: n(r.completion_tokens),
        totalTokens: n(r.total_tokens),
        images: n(r.images),
        credits: n(r.credits),
        ledgerCharged: n(r.ledger_charged),
      })),
      pendingCalls: n(pending.rows[0]?.count),
      ledger: lines.rows.map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        kind: r.kind,
        amount: n(r.amount),
        note: r.note,
        usageRecordId: r.usage_record_id,
        refundedModel: r.refunded_model,
      })),
      booked: { grants: n(books.grants), adjusts: n(books.adjusts), charges: n(books.charges), chargeEntries: n(books.charge_entries) },
      opening: n(books.opening),
      closing: n(books.closing),
      current: period.until > clock[0]!.now,
    };
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}
