import "server-only";
import { NO_KEY_UUID } from "@/lib/usage/rollup-writes-sql";
import { assertPlatformAdmin, type PlatformCaller } from "./assert-platform-admin";
import { NO_KEY, type Excludable } from "./dashboard-search";
import { labelSeries } from "./platform-values";
import type { PlatformBreakdown } from "./types";

const DIM: Record<Excludable, PlatformBreakdown> = { workspace: "workspace", user: "member", key: "key", model: "model", source: "source", status: "status" };

/**
 * The names of series as the drill-down names them (its parameter names; "none" for calls without a key), in the
 * order given: what the records page says its "other than" list leaves out. Unknown ids read "Deleted".
 */
export async function labelPlatformSeries(caller: PlatformCaller, by: Excludable, values: string[]): Promise<string[]> {
  await assertPlatformAdmin(caller);
  const keys = values.map((v) => (by === "key" && v === NO_KEY ? NO_KEY_UUID : v));
  const labels = await labelSeries(DIM[by], keys);
  return keys.map((k) => labels.get(k) ?? k);
}
