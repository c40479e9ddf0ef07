import type { LedgerDrift } from "@/lib/billing/check-ledger";
import type { Command } from "./command";

export const ledgerCheck: Command<{ ok: boolean; drift: LedgerDrift[] }> = {
  usage: "ledger:check",
  options: {},
  run: async () => (await import("@/lib/billing/check-ledger")).checkLedger(),
  human: (r) =>
    r.ok
      ? "Ledger OK: every balance equals grants − charges and every held amount equals its open holds"
      : r.drift
          .map((d) => `DRIFT ${d.workspace}: balance ${d.balance} (expected ${d.expectedBalance}), held ${d.held} (expected ${d.expectedHeld}, open holds ${d.openHolds})`)
          .join("\n"),
  exitCode: (r) => (r.ok ? 0 : 1),
};
