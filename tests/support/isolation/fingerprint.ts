import fs from "node:fs";
import path from "node:path";
import { getPool } from "@/lib/db/client";

// Every table that holds a workspace's state, read whole for one workspace: "nothing changed" is these rows, byte
// for byte, plus the workspace's objects in storage. The usage rollups are left out: they are a function of
// usage_records (checked here), and the app's fold moves earlier calls' deltas into them at any moment.
const TABLES = [
  "memberships", "invitations", "slug_redirects", "audit_logs", "api_keys", "holds", "usage_records", "ledger_entries",
  "assets", "edit_jobs",
] as const;

/** The workspace's rows (and its jobs' inputs and events) as one string. */
export async function workspaceRows(workspaceId: string): Promise<string> {
  const pool = getPool();
  const parts: unknown[] = [(await pool.query("SELECT * FROM workspaces WHERE id = $1", [workspaceId])).rows];
  for (const table of TABLES) {
    // A key's last use is stamped after the answer went out (fire and forget): it may land from an earlier call.
    parts.push((await pool.query(`SELECT to_jsonb(t) - 'last_used_at' AS row FROM ${table} t WHERE t.workspace_id = $1 ORDER BY t::text`, [workspaceId])).rows);
  }
  for (const table of ["job_inputs", "job_events"]) {
    parts.push(
      (await pool.query(`SELECT t.* FROM ${table} t JOIN edit_jobs j ON j.id = t.job_id WHERE j.workspace_id = $1 ORDER BY t::text`, [workspaceId])).rows,
    );
  }
  return JSON.stringify(parts);
}

/** The workspace's objects under a local storage root (object keys start with the workspace id). */
export function storageFiles(root: string, workspaceId: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (full.includes(workspaceId)) found.push(`${path.relative(root, full)}:${fs.statSync(full).size}`);
    }
  };
  walk(root);
  return found.sort();
}
