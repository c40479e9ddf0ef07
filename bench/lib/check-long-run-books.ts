// After the long-generations benchmark's Darkroom leg: waits (bounded) until every successful call's image is in
// the gallery and no usage record is pending, then runs ledger:check.
import pg from "pg";
import { runCli } from "../../tests/support/run-cli";
import { countUsageRecords, type UsageCounts } from "./seed";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function countArchived(databaseUrl: string, workspaceIds: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM assets WHERE workspace_id = ANY($1::uuid[]) AND kind = 'result'`, [workspaceIds]);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

export type LongRunBooks = { archived: number; archiveSeconds: number; counts: UsageCounts; ledgerOk: boolean; ledgerDetail: string };

/** `expected`: the successful calls (warm-up included), each with one image; `endedAt`: the last response's time. */
export async function checkLongRunBooks(databaseUrl: string, workspaceIds: string[], expected: number, endedAt: number): Promise<LongRunBooks> {
  // Archiving starts as each call ends and goes on after the last response.
  let archived = await countArchived(databaseUrl, workspaceIds);
  while (archived < expected && performance.now() - endedAt < 300_000) {
    await sleep(250);
    archived = await countArchived(databaseUrl, workspaceIds);
  }
  const archiveSeconds = (performance.now() - endedAt) / 1000;
  let counts = await countUsageRecords(databaseUrl, workspaceIds);
  for (let i = 0; i < 300 && (counts.byStatus.pending ?? 0) > 0; i++) {
    await sleep(100);
    counts = await countUsageRecords(databaseUrl, workspaceIds);
  }
  const ledger = await runCli(["ledger:check", "--json"], { DATABASE_URL: databaseUrl });
  const ledgerOk = ledger.code === 0 && (ledger.json as { ok?: boolean } | undefined)?.ok === true;
  return { archived, archiveSeconds, counts, ledgerOk, ledgerDetail: ledger.stdout.trim().slice(0, 300) || ledger.stderr.trim().slice(-300) };
}
