// Serves the production build for Playwright with its own throwaway data: a fresh DATA_DIR (embedded
// PostgreSQL inside it) unless DATABASE_URL names a loopback server, in which case a fresh database there.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFakeUpstream } from "../../fixtures/fake-upstream/start-fake-upstream";
import { createFreshDatabase } from "../../setup/test-database";

async function main() {
  const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-e2e-"));
  fs.chmodSync(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    PORT: process.env.E2E_PORT ?? "3100",
    HOSTNAME: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${process.env.E2E_PORT ?? "3100"}`,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    // The e2e suite signs in as the first user and expects admin rights only where it asks for them.
    ADMIN_EMAILS: process.env.ADMIN_EMAILS ?? "admin@e2e.test",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Every browser test signs up from 127.0.0.1; the per-address limits are covered by integration tests.
    SIGNIN_LIMIT_PER_IP: "10000",
    SIGNUP_LIMIT_PER_IP: "10000",
  };
  // The catalog's upstream models answer from a fake provider speaking the spec's wire format, so the studio
  // can be tested with every image form; its image URLs are on loopback, hence the outbound allow-list.
  const upstream = await startFakeUpstream();
  env.UPSTREAM_BASE_URL = upstream.url;
  env.UPSTREAM_API_KEY = "sk-e2e-upstream";
  env.OUTBOUND_ALLOW_HOSTS = new URL(upstream.url).host;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    const fresh = await createFreshDatabase(process.env.DATABASE_URL, "darkroom_e2e");
    env.DATABASE_URL = fresh.url;
    dropDatabase = fresh.drop;
  }
  // Tests drive the same database through the CLI (tests/e2e/support/cli.ts).
  fs.writeFileSync(path.join(dataDir, "e2e-database-url"), env.DATABASE_URL ?? "");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { env, stdio: "inherit" });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGTERM", forward);
  process.on("SIGINT", forward);
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 0)));
  await dropDatabase?.().catch(() => {});
  await upstream.close().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

void main();
