import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests run against a production build (`next build`, then scripts/serve.ts) in Debian's
// Chromium: Playwright's own browser download is impossible here.
// A free port, chosen once by the runner (its workers inherit it), so another server on 3100 can't collide.
const freePort = () =>
  execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ])
    .toString()
    .trim();
process.env.E2E_PORT ??= freePort();
// The server sends mail to SMTP on this port, where the global setup listens for the whole run.
process.env.E2E_SMTP_PORT ??= freePort();
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
// The run's SMTP server (tests/e2e/support/global-mail-catcher.ts) drops each message it receives here.
if (!process.env.E2E_MAIL_DIR) {
  process.env.E2E_MAIL_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-e2e-mail-"));
}
// The server's DATA_DIR (embedded PostgreSQL inside): tests reach the same database through the CLI.
// Set once in the runner; its workers inherit it.
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-e2e-"));
  fs.chmodSync(process.env.E2E_DATA_DIR, 0o755);
}

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "tests/e2e/support/global-mail-catcher.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/playwright.json" }]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "tsx tests/e2e/support/serve-e2e.ts",
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      E2E_PORT: String(port),
      E2E_DATA_DIR: process.env.E2E_DATA_DIR,
      SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
    },
  },
});
