// The processes a benchmark runs against, each in its own OS process with its output in a log file:
// the fake upstream, Darkroom's production server (scripts/serve.ts on the `.next` build) and Portkey's gateway.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../tests/support/app-server";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const RESULTS_DIR = path.join(ROOT, "bench", "results");

export type Service = {
  name: string;
  url: string;
  port: number;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
};

function spawnLogged(name: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, "w");
  try {
    return spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
}

async function waitUntilReady(name: string, child: ChildProcess, logFile: string, probe: () => Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited during start-up; its log (${logFile}):\n${fs.readFileSync(logFile, "utf8").slice(-4000)}`);
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not become ready in ${timeoutMs / 1000} s; its log (${logFile}):\n${fs.readFileSync(logFile, "utf8").slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopper(child: ChildProcess, graceMs = 10_000, cleanup?: () => void): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
    cleanup?.();
  };
}

/** tests/fixtures/fake-upstream/main.ts in its own process (no request records kept). */
export async function startFakeUpstreamProcess(logFile: string): Promise<Service> {
  const port = await freePort();
  const child = spawnLogged("fake upstream", ["--import", "tsx", "tests/fixtures/fake-upstream/main.ts", "--port", String(port)], process.env, logFile);
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilReady("fake upstream", child, logFile, () => fetch(`${origin}/health`).then((r) => r.ok));
  return { name: "fake upstream", url: `${origin}/v1`, port, pid: child.pid!, logFile, stop: stopper(child) };
}

/**
 * Darkroom's production server against `databaseUrl`, as `npm start` runs it (NODE_ENV=production, default
 * LOG_LEVEL unless `env` says otherwise). `nodeOptions` goes to NODE_OPTIONS (e.g. --cpu-prof).
 */
export async function startDarkroom(options: {
  databaseUrl: string;
  env: Record<string, string>;
  logFile: string;
  nodeOptions?: string;
}): Promise<Service> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("No production build: run `npx next build` first");
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-bench-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ...options.env,
  };
  if (options.nodeOptions) env.NODE_OPTIONS = [process.env.NODE_OPTIONS, options.nodeOptions].filter(Boolean).join(" ");
  const child = spawnLogged("Darkroom", ["--import", "tsx", "scripts/serve.ts"], env, options.logFile);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady("Darkroom", child, options.logFile, () => fetch(`${url}/api/health`).then((r) => r.ok));
  return {
    name: "Darkroom",
    url,
    port,
    pid: child.pid!,
    logFile: options.logFile,
    stop: stopper(child, 15_000, () => fs.rmSync(dataDir, { recursive: true, force: true })),
  };
}

/** Portkey's open-source gateway (npm @portkey-ai/gateway), with the preload that makes its streaming work on Node. */
export async function startPortkey(logFile: string, options: { imports?: string[]; env?: Record<string, string> } = {}): Promise<Service> {
  const port = await freePort();
  const entry = path.join(ROOT, "node_modules", "@portkey-ai", "gateway", "build", "start-server.js");
  const preload = path.join(ROOT, "bench", "portkey-fetch-preload.mjs");
  const imports = [preload, ...(options.imports ?? [])].flatMap((file) => ["--import", file]);
  const child = spawnLogged("Portkey", [...imports, entry, `--port=${port}`, "--headless"], { ...process.env, ...options.env }, logFile);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady("Portkey", child, logFile, () => fetch(`${url}/`).then(() => true));
  return { name: "Portkey", url, port, pid: child.pid!, logFile, stop: stopper(child) };
}
