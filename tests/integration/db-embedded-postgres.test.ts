// The embedded PostgreSQL lifecycle with real servers: each test has its own DATA_DIR under the
// system temp dir. Child processes play the "other" Darkroom process (a killed dev server, a
// server draining on SIGTERM).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { acquireInstanceLock, type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const moduleUrl = pathToFileURL(path.join(projectRoot, "lib/db/embedded-postgres.ts")).href;
const handles: EmbeddedPostgres[] = [];
const children: ChildProcess[] = [];
const childPostmasters: number[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(handles.map((handle) => handle.stop().catch(() => {})));
  // Servers of children that a failed test left behind.
  for (const pid of childPostmasters.filter(isAlive)) process.kill(pid, "SIGINT");
  await vi.waitFor(() => expect(childPostmasters.filter(isAlive)).toEqual([]), { timeout: 30_000, interval: 50 });
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix = "darkroom-embedded-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as another user that must traverse it
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string, options: { persistent?: boolean; log?: (line: string) => void } = {}) {
  const handle = await startEmbeddedPostgres({ dataDir, ...options });
  handles.push(handle);
  return handle;
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
}

/** Live processes whose working directory is the cluster (the postmaster and all its children). */
function serverProcesses(clusterDir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`).replace(/ \(deleted\)$/, "");
      if (cwd === clusterDir && isAlive(Number(entry))) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

function deadPid(): number {
  return spawnSync("true").pid; // ran, exited and was reaped
}

// A separate Darkroom process using the embedded server. Modes:
//   hold   start and wait forever (to be SIGKILLed)
//   drain  on SIGTERM: query the database, stop it, print "drained", exit 0
//   hooked onProcessExit() handles SIGTERM
const CHILD_SOURCE = `
import { createRequire } from "node:module";
const { startEmbeddedPostgres, onProcessExit } = await import(process.env.MODULE_URL);
const pg = createRequire(process.env.PROJECT_ROOT + "/package.json")("pg");
const [mode, dataDir] = process.argv.slice(2);
const db = await startEmbeddedPostgres({ dataDir, persistent: mode !== "hold" });
const listeners = Object.fromEntries(["SIGINT", "SIGTERM", "SIGHUP", "beforeExit"].map((e) => [e, process.listenerCount(e)]));
if (mode === "hooked") onProcessExit(db);
if (mode === "drain") {
  process.once("SIGTERM", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query("SELECT 1 AS one");
    await client.end();
    await db.stop();
    console.log("drained:" + rows[0].one);
    process.exit(0);
  });
}
console.log(JSON.stringify({ pid: db.pid, clusterDir: db.clusterDir, listeners }));
setInterval(() => {}, 1 << 30);
`;

interface ChildInfo {
  pid: number;
  clusterDir: string;
  listeners: Record<string, number>;
}

function startChild(mode: "hold" | "drain" | "hooked", dataDir: string) {
  const script = path.join(tempDir("darkroom-child-"), "child.mts");
  fs.writeFileSync(script, CHILD_SOURCE);
  const child = spawn(process.execPath, ["--import", "tsx", script, mode, dataDir], {
    cwd: projectRoot,
    env: { ...process.env, MODULE_URL: moduleUrl, PROJECT_ROOT: projectRoot },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<ChildInfo>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      const line = stdout.split("\n")[0];
      if (!stdout.includes("\n") || !line) return;
      const info = JSON.parse(line) as ChildInfo;
      childPostmasters.push(info.pid);
      resolve(info);
    });
    void exited.then(() => reject(new Error(`child exited before it was ready:\n${stderr}`)));
  });
  return { child, ready, exited, output: () => stdout };
}

describe("startEmbeddedPostgres", () => {
  it("starts, is reused by a second start, keeps its data across restarts, and stop() leaves no process", async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    expect(first.owned).toBe(true);
    expect(new URL(first.url).hostname).toBe("127.0.0.1");
    expect(new URL(first.url).pathname).toBe("/darkroom");
    expect(fs.statSync(path.join(dataDir, "postgres.json")).mode & 0o777).toBe(0o600);
    await sql(first.url, "CREATE TABLE kept (v int)");
    const clusterDir = fs.realpathSync(first.clusterDir);

    const second = await start(dataDir);
    expect(second).toMatchObject({ owned: false, pid: first.pid, url: first.url });
    await second.stop();
    expect(isAlive(first.pid)).toBe(true);

    await first.stop();
    expect(isAlive(first.pid)).toBe(false);
    expect(serverProcesses(clusterDir)).toEqual([]);

    const again = await start(dataDir);
    expect(again.owned).toBe(true);
    expect(await sql(again.url, "SELECT count(*)::int AS n FROM kept")).toEqual([{ n: 0 }]);
    await again.stop();
    expect(serverProcesses(clusterDir)).toEqual([]);
  });

  it("stays up for a process still using it when its starter stops first; the last one out stops it", async () => {
    const dataDir = tempDir();
    const starter = await start(dataDir, { persistent: false });
    const user = await start(dataDir, { persistent: false });
    expect(user.owned).toBe(false);

    await starter.stop();
    expect(isAlive(starter.pid)).toBe(true);
    expect(await sql(user.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);

    await user.stop();
    expect(isAlive(starter.pid)).toBe(false);
    expect(fs.existsSync(starter.clusterDir)).toBe(false);
  });

  it("adopts a server left running by a killed process, and stops it", async () => {
    const dataDir = tempDir();
    const { child, ready, exited } = startChild("hold", dataDir);
    const orphan = await ready;
    const clusterDir = fs.realpathSync(orphan.clusterDir);
    child.kill("SIGKILL");
    await exited;
    expect(isAlive(orphan.pid)).toBe(true);

    const adopted = await start(dataDir, { persistent: false });
    expect(adopted).toMatchObject({ owned: true, pid: orphan.pid });
    await adopted.stop();
    expect(isAlive(orphan.pid)).toBe(false);
    expect(serverProcesses(clusterDir)).toEqual([]);
  });

  it("is not blocked by a stale postmaster.pid, whether its pid is dead or recycled", async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const { clusterDir, port } = first;
    await first.stop();
    const pidFile = path.join(clusterDir, "postmaster.pid");
    const staleFile = (pid: number) => `${pid}\n${clusterDir}\n1700000000\n${port}\n\n127.0.0.1\n  1234567     42\nready   \n`;

    fs.writeFileSync(pidFile, staleFile(deadPid()));
    const second = await start(dataDir);
    expect(second.owned).toBe(true);
    await second.stop();

    // A live process that is not this cluster's postmaster (here: this test worker).
    fs.writeFileSync(pidFile, staleFile(process.pid));
    const third = await start(dataDir, { persistent: false });
    expect(third.owned).toBe(true);
    expect(third.pid).not.toBe(process.pid);
    await third.stop();
  });

  it("installs no signal handlers: a process draining on SIGTERM still has its database, then stops it", async () => {
    const dataDir = tempDir();
    const { child, ready, exited, output } = startChild("drain", dataDir);
    const info = await ready;
    expect(info.listeners).toEqual({ SIGINT: 0, SIGTERM: 0, SIGHUP: 0, beforeExit: 0 });
    child.kill("SIGTERM");

    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output()).toContain("drained:1");
    expect(isAlive(info.pid)).toBe(false);
  });

  it("onProcessExit() stops the server on SIGTERM, then lets the signal end the process", async () => {
    const dataDir = tempDir();
    const { child, ready, exited } = startChild("hooked", dataDir);
    const info = await ready;
    child.kill("SIGTERM");

    expect(await exited).toEqual({ code: null, signal: "SIGTERM" });
    expect(isAlive(info.pid)).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)(
    "puts the cluster under the temp dir, with one warning, when PostgreSQL cannot traverse DATA_DIR",
    async () => {
      const closed = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-closed-")); // mode 0700, owned by root
      dirs.push(closed);
      const dataDir = path.join(closed, "data");
      const lines: string[] = [];

      const db = await start(dataDir, { persistent: false, log: (line) => lines.push(line) });

      expect(path.dirname(db.clusterDir)).toBe(os.tmpdir());
      expect(path.basename(db.clusterDir)).toMatch(/^darkroom-pg-[0-9a-f]{16}$/);
      const state = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { clusterDir: string };
      expect(state.clusterDir).toBe(db.clusterDir);
      expect(lines.filter((line) => line.includes("warning") && line.includes(db.clusterDir))).toHaveLength(1);
      expect(await sql(db.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
      await db.stop();
      expect(fs.existsSync(db.clusterDir)).toBe(false);
    },
  );
});

describe("acquireInstanceLock", () => {
  it("refuses a second instance while the first lives, and takes over the lock of a dead one", () => {
    const dataDir = tempDir();
    const lockFile = path.join(dataDir, "dev-server.lock");
    const lock = acquireInstanceLock(dataDir, "dev-server", { url: "http://localhost:3000", port: 3000 });
    expect(JSON.parse(fs.readFileSync(lockFile, "utf8"))).toMatchObject({ pid: process.pid, port: 3000 });

    expect(() => acquireInstanceLock(dataDir, "dev-server")).toThrow(
      `Darkroom (dev-server) is already running (pid ${process.pid}, http://localhost:3000)`,
    );
    lock.release();
    expect(fs.existsSync(lockFile)).toBe(false);

    fs.writeFileSync(lockFile, JSON.stringify({ pid: deadPid(), token: "stale", createdAt: "2020-01-01T00:00:00Z" }));
    const taken = acquireInstanceLock(dataDir, "dev-server");
    taken.update({ port: 3001 });
    expect(JSON.parse(fs.readFileSync(lockFile, "utf8"))).toMatchObject({ pid: process.pid, port: 3001 });
    taken.release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });
});
