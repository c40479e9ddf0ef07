import fs from "node:fs";
import path from "node:path";
import { runCli, type CliResult } from "../../support/run-cli";

/** Runs a CLI command against the database of the server under test. */
export function e2eCli(args: string[]): Promise<CliResult> {
  const dataDir = process.env.E2E_DATA_DIR!;
  const databaseUrl = fs.readFileSync(path.join(dataDir, "e2e-database-url"), "utf8");
  return runCli([...args, "--json"], { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, NODE_ENV: "production", AUTH_SECRET: "e2e-cli-does-not-sign-sessions-000000" });
}
