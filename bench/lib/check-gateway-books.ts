// After the gateway benchmark: every request Darkroom answered 2xx has exactly one usage record, settled;
// nothing else was admitted (runs cut at their time limit may leave a few more in flight); ledger:check is clean.
import { runCli } from "../../tests/support/run-cli";
import type { Row } from "./run-gateway-cells";
import { countUsageRecords, type BenchAccounts } from "./seed";

export type Check = { name: string; pass: boolean; detail: string };

export async function checkGatewayBooks(databaseUrl: string, accounts: BenchAccounts, rows: Row[]): Promise<Check[]> {
  const checks: Check[] = [];
  for (const [target, workspaceIds] of [
    ["darkroom-10ws", accounts.spreadWorkspaceIds],
    ["darkroom-1ws", [accounts.singleWorkspaceId]],
  ] as const) {
    const runs = rows.filter((r) => r.target === target);
    const ok = runs.reduce((sum, r) => sum + r.warmup.ok + r.result.ok, 0);
    const cut = runs.filter((r) => r.warmup.cut || r.result.cut).reduce((sum, r) => sum + r.connections, 0);
    // Settlement runs just after the response: wait (bounded) until no record is pending.
    let counts = await countUsageRecords(databaseUrl, [...workspaceIds]);
    for (let i = 0; i < 100 && (counts.byStatus.pending ?? 0) > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      counts = await countUsageRecords(databaseUrl, [...workspaceIds]);
    }
    const succeeded = counts.byStatus.succeeded ?? 0;
    const exact = counts.total === ok && succeeded === ok;
    const pass = exact || (cut > 0 && succeeded >= ok && counts.total <= ok + cut);
    checks.push({
      name: `usage records = 2xx responses (${target})`,
      pass,
      detail: `${ok} 2xx responses; ${counts.total} usage records ${JSON.stringify(counts.byStatus)}${cut ? ` (runs cut short: up to ${cut} in flight)` : ""}`,
    });
  }
  const ledger = await runCli(["ledger:check", "--json"], { DATABASE_URL: databaseUrl });
  const result = ledger.json as { ok?: boolean; drift?: unknown[] } | undefined;
  checks.push({ name: "ledger:check", pass: ledger.code === 0 && result?.ok === true, detail: ledger.stdout.trim() || ledger.stderr.trim().slice(-500) });
  return checks;
}
