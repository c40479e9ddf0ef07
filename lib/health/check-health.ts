import "server-only";
import { getPool } from "@/lib/db/client";

export type HealthReport = { status: "ok" | "error"; db: "ok" | "error" };

/** A real round trip to PostgreSQL, bounded so a hung database reports as down instead of hanging probes. */
export async function checkHealth(timeoutMs = 2000): Promise<HealthReport> {
  const probe = getPool().query("SELECT 1");
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref());
  try {
    await Promise.race([probe, timeout]);
    return { status: "ok", db: "ok" };
  } catch {
    probe.catch(() => {});
    return { status: "error", db: "error" };
  }
}
