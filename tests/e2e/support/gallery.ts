import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export type SeededEdit = { uploadId: string; resultId: string; jobId: string; model: string; sha256: string };
export type SeededTwoInputEdit = { inputIds: [string, string]; resultIds: [string, string]; jobId: string };

/** A finished edit (upload → result) in the server's database and storage, made by seed-edit.ts; `older` more images before it. */
export function seedEdit(email: string, workspaceSlug: string, prompt: string, older = 0): Promise<SeededEdit> {
  return runSeed<SeededEdit>("seed-edit.ts", [email, workspaceSlug, prompt, String(older)]);
}

/** A finished "rotate 90" edit of two differently shaped uploads, one result each (seed-two-input-edit.ts). */
export function seedTwoInputEdit(email: string, workspaceSlug: string): Promise<SeededTwoInputEdit> {
  return runSeed<SeededTwoInputEdit>("seed-two-input-edit.ts", [email, workspaceSlug]);
}

/** Runs one of the seed scripts beside this file against the server's database; its stdout is one JSON value. */
export function runSeed<T>(script: string, args: string[]): Promise<T> {
  const dataDir = process.env.E2E_DATA_DIR!;
  const databaseUrl = fs.readFileSync(path.join(dataDir, "e2e-database-url"), "utf8");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", `tests/e2e/support/${script}`, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, NODE_ENV: "production", AUTH_SECRET: "e2e-seed-does-not-sign-sessions-0000000", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(stdout) as T) : reject(new Error(`${script} failed (${code}): ${stderr}`))));
  });
}
