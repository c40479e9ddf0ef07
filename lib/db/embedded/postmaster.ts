import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { PgBinaries } from "./binaries";
import { isPidAlive, type Log, processCwd, waitForExit, waitUntil } from "./processes";
import type { RunAs } from "./run-as";

export interface RunningPostmaster {
  pid: number;
  port: number;
  status: string;
}

/** The postmaster recorded in `<clusterDir>/postmaster.pid` if it is alive and really serves that cluster. */
export function findRunningPostmaster(clusterDir: string): RunningPostmaster | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!isPidAlive(pid) || !Number.isInteger(port)) return null;
  // A recycled pid belongs to some other process: the postmaster's cwd is its data directory.
  const cwd = processCwd(pid);
  if (cwd !== null && cwd !== fs.realpathSync(clusterDir)) return null;
  return { pid, port, status: (lines[7] ?? "").trim() };
}

function readStatus(clusterDir: string): string | null {
  try {
    return (fs.readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n")[7] ?? "").trim();
  } catch {
    return null;
  }
}

export function isInitialised(clusterDir: string): boolean {
  return fs.existsSync(path.join(clusterDir, "PG_VERSION"));
}

export function childEnv(): NodeJS.ProcessEnv {
  // English messages whatever the machine's locale; PG* variables must not redirect the server.
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C" };
  for (const key of Object.keys(env)) if (key.startsWith("PG")) delete env[key];
  return env;
}

export function pipeLines(stream: NodeJS.ReadableStream | null, prefix: string, log: Log, tail: string[]): void {
  let pending = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line) continue;
      log(`${prefix} ${line}`);
      tail.push(line);
      if (tail.length > 30) tail.shift();
    }
  });
}

export class PortInUseError extends Error {
  override name = "PortInUseError";
}

/** Connects to `url` once: "ready", "starting" (57P03) or "unreachable"; authentication errors throw. */
export async function probe(url: string): Promise<"ready" | "starting" | "unreachable"> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return "ready";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "57P03") return "starting";
    if (code === "28P01" || code === "28000") {
      throw new Error(`Embedded PostgreSQL rejected the stored credentials: ${(error as Error).message}`);
    }
    return "unreachable";
  } finally {
    await client.end().catch(() => {});
  }
}

export interface StartOptions {
  binaries: PgBinaries;
  clusterDir: string;
  runAs: RunAs | undefined;
  port: number;
  probeUrl: string;
  fast: boolean;
  log: Log;
}

/**
 * Spawns the postmaster in its own process group (a terminal's Ctrl+C must not reach it: its
 * owner decides when to stop it) and resolves with its pid once it accepts connections.
 */
export async function startPostmaster({ binaries, clusterDir, runAs, port, probeUrl, fast, log }: StartOptions): Promise<number> {
  const args = ["-D", clusterDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (fast) args.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const child = spawn(binaries.postgres, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    cwd: "/",
    env: childEnv(),
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
  const tail: string[] = [];
  pipeLines(child.stdout, "[postgres]", log, tail);
  pipeLines(child.stderr, "[postgres]", log, tail);
  let exited: number | null | undefined;
  let spawnError: Error | undefined;
  child.once("exit", (code) => (exited = code));
  child.once("error", (error) => (spawnError = error));

  await waitUntil(
    async () => {
      if (spawnError) throw spawnError;
      if (exited !== undefined) {
        const output = tail.join("\n");
        if (/could not bind|Address already in use/i.test(output)) throw new PortInUseError(output);
        throw new Error(`PostgreSQL exited during start-up (code ${exited}):\n${output}`);
      }
      // Probing before postmaster.pid says "ready" only earns a FATAL line in the log.
      return readStatus(clusterDir) === "ready" && (await probe(probeUrl)) === "ready";
    },
    { timeoutMs: 60_000, timeoutMessage: `PostgreSQL did not accept connections within 60 s:\n${tail.join("\n")}` },
  ).catch((error: unknown) => {
    if (exited === undefined && child.pid) process.kill(child.pid, "SIGQUIT");
    throw error;
  });

  // Neither the child nor its pipes keep this process alive; stop() or onProcessExit() end it.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
  return child.pid as number;
}

/** Fast shutdown (SIGINT), escalating to immediate shutdown (SIGQUIT); resolves once the pid is gone. */
export async function shutdownPostmaster(pid: number, log: Log): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  };
  signal("SIGINT");
  if (await waitForExit(pid, 30_000)) return;
  log(`[db] PostgreSQL (pid ${pid}) did not stop within 30 s; sending SIGQUIT`);
  signal("SIGQUIT");
  if (await waitForExit(pid, 10_000)) return;
  throw new Error(`PostgreSQL (pid ${pid}) did not stop`);
}
