import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedUser } from "../factories/users";
import { freePort } from "../support/app-server";

// `npm run dev` without PUBLIC_URL, opened at http://127.0.0.1:<port> rather than localhost: sign-in must stay on
// the address the browser used (it once redirected to localhost, where the new session's cookie doesn't exist).
const ROOT = path.resolve(import.meta.dirname, "../..");
let child: ChildProcess;
let base: string;
let output = "";
let dataDir: string;

beforeAll(async () => {
  const port = await freePort();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-dev-origin-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: inject("databaseUrl"),
    DATA_DIR: dataDir,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    LOG_LEVEL: "warn",
    WORKER_ENABLED: "false",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.PUBLIC_URL;
  delete env.AUTH_URL;
  child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--dev"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  // The development server compiles each route on its first request: wait for the one this test uses.
  while (!(await fetch(`${base}/api/auth/csrf`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null) throw new Error(`dev server exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`dev server not ready in 240 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}, 300_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("development without PUBLIC_URL", () => {
  it("signs in at 127.0.0.1 and redirects there, not to localhost", async () => {
    const user = await seedUser();
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
    const response = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
      body: new URLSearchParams({ email: user.email, password: user.password, csrfToken, callbackUrl: `/${user.workspaceSlug}` }),
    });
    expect(response.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(true);
    expect(response.headers.get("location")).toBe(`${base}/${user.workspaceSlug}`);
  }, 240_000);
});
