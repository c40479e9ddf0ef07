import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { choosePort } from "@/lib/db/embedded/free-port";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type AppServer = { url: string; port: number; process: ChildProcess; logs: () => string; stop(signal?: NodeJS.Signals): Promise<number | null> };

/** A free port on 127.0.0.1 (the one the embedded database uses too). */
export const freePort = (): Promise<number> => choosePort(null);

/**
 * Starts Darkroom's production server (scripts/serve.ts on the `.next` build) on a free loopback port against
 * the given database, and waits until /api/health answers. Needs `next build` to have run (npm test does it).
 */
export async function startAppServer(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  /** PUBLIC_URL's host name (default 127.0.0.1); the server still listens on 127.0.0.1, and `url` stays there. */
  publicHost?: string;
}): Promise<AppServer> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npx next build` first (npm test builds before the integration tests)");
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-app-"));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      PUBLIC_URL: `http://${options.publicHost ?? "127.0.0.1"}:${port}`,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
      SHUTDOWN_GRACE_MS: "3000",
      // No edit worker unless a test asks for one: servers of other files share the run's database, and a worker
      // would claim their queued edits (whose images live in another DATA_DIR) and crash them.
      WORKER_ENABLED: "false",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Darkroom exited during start-up:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Darkroom did not become healthy in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    process: child,
    logs: () => output,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
