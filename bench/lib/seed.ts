// Accounts for the gateway benchmarks, made through the product's own functions (sign-up, key creation,
// credit grants) in the benchmark process. Run under `--conditions=react-server` (as the CLI is).
import { randomUUID } from "node:crypto";
import pg from "pg";

export type BenchAccounts = {
  /** One key in each of `workspaces` workspaces (each its own owner). */
  spreadKeys: string[];
  spreadWorkspaceIds: string[];
  /** `keysPerWorkspace` keys of one owner in one workspace. */
  singleKeys: string[];
  singleWorkspaceId: string;
};

const CREDITS = 1_000_000_000;
const KEY_RPM = 100_000; // the most a key may have; the limiter still counts every request in PostgreSQL

/** Needs DATABASE_URL to name the benchmark's database before the first call (lib/env reads it on import). */
export async function seedBenchAccounts({ workspaces = 10, keysPerWorkspace = 10 } = {}): Promise<BenchAccounts> {
  const { createUser } = await import("@/lib/users/create-user");
  const { createApiKey } = await import("@/lib/gateway/keys/create-api-key");
  const { grantCredits } = await import("@/lib/billing/grant-credits");
  const { db } = await import("@/lib/db/client");

  async function owner(label: string) {
    const user = await createUser({ email: `bench-${label}-${randomUUID().slice(0, 8)}@example.test`, name: `Bench ${label}`, emailVerified: true });
    const membership = await db.membership.findUniqueOrThrow({
      where: { workspaceId_userId: { workspaceId: user.workspaceId, userId: user.userId } },
      select: { id: true },
    });
    await grantCredits({ workspaceId: user.workspaceId, amount: CREDITS, opId: `bench:${randomUUID()}`, note: "benchmark" });
    const key = (name: string) =>
      createApiKey({ workspaceId: user.workspaceId, membershipId: membership.id, createdById: user.userId, name, rpm: KEY_RPM }).then((k) => k.key);
    return { workspaceId: user.workspaceId, key };
  }

  const spreadKeys: string[] = [];
  const spreadWorkspaceIds: string[] = [];
  for (let i = 0; i < workspaces; i++) {
    const o = await owner(`ws${i}`);
    spreadWorkspaceIds.push(o.workspaceId);
    spreadKeys.push(await o.key(`bench ${i}`));
  }
  const single = await owner("single");
  const singleKeys: string[] = [];
  for (let i = 0; i < keysPerWorkspace; i++) singleKeys.push(await single.key(`bench single ${i}`));
  return { spreadKeys, spreadWorkspaceIds, singleKeys, singleWorkspaceId: single.workspaceId };
}

/** Closes the benchmark process's own database pool. */
export async function closeBenchDb(): Promise<void> {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
}

export type UsageCounts = { total: number; byStatus: Record<string, number> };

/** Usage records of the given workspaces, by status. */
export async function countUsageRecords(databaseUrl: string, workspaceIds: string[]): Promise<UsageCounts> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: string }>(
      `SELECT status::text, count(*) AS n FROM usage_records WHERE workspace_id = ANY($1::uuid[]) GROUP BY status`,
      [workspaceIds],
    );
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    return { total: rows.reduce((sum, r) => sum + Number(r.n), 0), byStatus };
  } finally {
    await client.end();
  }
}
