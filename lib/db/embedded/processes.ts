import fs from "node:fs";

/** Receives one line of diagnostic output (callers usually send it to stderr). */
export type Log = (line: string) => void;

export const silentLog: Log = () => {};

/**
 * True while `pid` names a running process. A zombie counts as gone: an orphaned postmaster that
 * exited may linger unreaped under an init that does not reap, and must not look alive.
 */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2).charAt(0);
    return state === "Z" || state === "X";
  } catch {
    return false; // no procfs (macOS) or already gone: trust kill(0)
  }
}

/** The working directory of a process, when this process may read it (Linux only). */
export function processCwd(pid: number): string | null {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

/** Polls `condition` until it holds; throws `timeoutMessage` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs, intervalMs = 50, timeoutMessage }: { timeoutMs: number; intervalMs?: number; timeoutMessage: string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) throw new Error(timeoutMessage);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resolves true once `pid` is gone, false if it is still there after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  try {
    await waitUntil(() => !isPidAlive(pid), { timeoutMs, intervalMs: 25, timeoutMessage: "" });
    return true;
  } catch {
    return false;
  }
}
