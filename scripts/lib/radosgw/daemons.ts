// Process plumbing for the test Ceph cluster: one-shot commands, daemons in their own session, stopping only
// the PIDs we started, and waiting for conditions with a deadline.
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export class RadosgwError extends Error {
  override name = "RadosgwError";
}

/** Runs a command to completion; rejects with its output on a non-zero exit or after `timeoutMs`. */
export function run(command: string, args: string[], timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const reason = error.killed ? `timed out after ${timeoutMs} ms` : `exit ${error.code ?? error.signal}`;
      reject(new RadosgwError(`${command} ${args.join(" ")}: ${reason}\n${stderr || stdout}`.trim()));
    });
  });
}

export type Daemon = { name: string; pid: number; exitCode(): number | string | null };

/**
 * Starts a daemon in the foreground of its own session (so a terminal's Ctrl-C or a process-group kill aimed at
 * the caller does not reach it), with stdout and stderr in `<logDir>/<name>.out`. Not tied to our event loop.
 */
export function startDaemon(name: string, command: string, args: string[], logDir: string): Daemon {
  const out = fs.openSync(path.join(logDir, `${name}.out`), "a");
  try {
    const child = spawn(command, args, { detached: true, stdio: ["ignore", out, out] });
    if (!child.pid) throw new RadosgwError(`could not start ${command}`);
    child.unref();
    let exit: number | string | null = null;
    child.once("exit", (code, signal) => (exit = code ?? signal ?? "exited"));
    return { name, pid: child.pid, exitCode: () => exit };
  } finally {
    fs.closeSync(out);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (exited, not yet reaped) still answers signal 0.
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** True when `pid` is still the process we started: its command line names our cluster's config. */
export function isOurProcess(pid: number, conf: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(conf);
  } catch {
    return false;
  }
}

/** SIGTERM to each of `pids`, then SIGKILL to those still running 2 s later; resolves once all are gone. */
export async function stopPids(pids: number[]): Promise<void> {
  const signal = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  };
  pids.forEach((pid) => signal(pid, "SIGTERM"));
  const gone = () => pids.every((pid) => !isRunning(pid));
  if (await waitUntil(gone, 2_000)) return;
  pids.filter(isRunning).forEach((pid) => signal(pid, "SIGKILL"));
  if (!(await waitUntil(gone, 5_000))) throw new RadosgwError(`processes ${pids.filter(isRunning).join(", ")} survived SIGKILL`);
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The last `lines` lines of the daemon's log file and of its captured output. */
export function logTail(logDir: string, name: string, lines = 25): string {
  const tail = (file: string) => {
    try {
      return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(none)";
    }
  };
  return `--- ${name}.log ---\n${tail(path.join(logDir, `${name}.log`))}\n--- ${name}.out ---\n${tail(path.join(logDir, `${name}.out`))}`;
}

/**
 * Polls `condition` (a throwing check counts as "not yet") until it holds; past `timeoutMs`, or when the daemon
 * exits, throws naming what was awaited, with the daemon's log tail.
 */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean>,
  { daemon, logDir, timeoutMs = 30_000 }: { daemon: Daemon; logDir: string; timeoutMs?: number },
): Promise<void> {
  let lastError = "";
  let exited: number | string | null = null;
  const ok = await waitUntil(async () => {
    exited = daemon.exitCode();
    if (exited !== null) return true;
    try {
      // A check that hangs (a port that accepts but never answers) must not outlive the deadline.
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("check did not answer in 5 s")), 5_000);
      });
      return await Promise.race([condition(), hung]).finally(() => clearTimeout(timer));
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      return false;
    }
  }, timeoutMs, 100);
  if (ok && exited === null) return;
  const why = exited !== null ? `${daemon.name} exited (${exited})` : `timed out after ${timeoutMs} ms`;
  const detail = lastError ? `\nlast check: ${lastError.split("\n").slice(0, 5).join("\n")}` : "";
  throw new RadosgwError(`waiting for ${what}: ${why}${detail}\n${logTail(logDir, daemon.name)}`);
}
