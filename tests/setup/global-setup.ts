// Vitest global setup: one PostgreSQL server and one fresh, migrated database for the whole run
// (see test-database.ts). Workers are forked after this runs, so they inherit DATABASE_URL; tests
// can also `inject("databaseUrl")` and `inject("databaseServerUrl")` (to create more databases).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startTestCluster } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseServerUrl: string;
  }
}

// PostgreSQL's routine LOG lines would drown the test output; keep what signals trouble.
function log(line: string): void {
  if (/^\[(db|migrate)\] warning|PANIC/.test(line)) process.stderr.write(`${line}\n`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const previousUrl = process.env.DATABASE_URL;
  // Local object storage and other state of the run live in a throwaway folder, never in the checkout's .data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-vitest-"));
  process.env.DATA_DIR = dataDir;
  // Tests assert on behaviour, not logs: only warnings and errors, unless asked for more.
  process.env.LOG_LEVEL ??= "warn";
  const cluster = await startTestCluster({ log });
  try {
    const url = await cluster.createDatabase();
    process.env.DATABASE_URL = url;
    project.provide("databaseUrl", url);
    project.provide("databaseServerUrl", cluster.serverUrl);
  } catch (error) {
    await cluster.stop().catch(() => {});
    throw error;
  }
  return async () => {
    await cluster.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  };
}
