import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { isPidAlive, waitUntil } from "./processes";

// Pid lock files: a lock is held while the process named in it is alive. Files are created with
// link(2) from a complete temporary file, so a reader never sees a half-written lock.

export interface LockRecord {
  pid: number;
  token: string;
  createdAt: string;
  [detail: string]: unknown;
}

export type LockAttempt =
  | { acquired: true; record: LockRecord; release: () => void }
  | { acquired: false; holder: LockRecord };

function uniqueSuffix(): string {
  return `${process.pid}.${randomBytes(4).toString("hex")}`;
}

function tryCreate(lockPath: string, content: string): boolean {
  const temporary = `${lockPath}.${uniqueSuffix()}.tmp`;
  fs.writeFileSync(temporary, content, { mode: 0o600 });
  try {
    fs.linkSync(temporary, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function readRaw(lockPath: string): string | null {
  try {
    return fs.readFileSync(lockPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function parseRecord(raw: string): LockRecord | null {
  try {
    const value = JSON.parse(raw) as Partial<LockRecord>;
    return typeof value.pid === "number" && typeof value.token === "string" ? (value as LockRecord) : null;
  } catch {
    return null;
  }
}

/** The current holder of a lock, or null when the file is absent, unreadable or its pid is dead. */
export function readLiveLock(lockPath: string): LockRecord | null {
  const raw = readRaw(lockPath);
  const record = raw === null ? null : parseRecord(raw);
  return record && isPidAlive(record.pid) ? record : null;
}

// Moves a dead holder's file aside; if another process replaced it meanwhile, puts theirs back.
function removeStale(lockPath: string, staleRaw: string): void {
  const aside = `${lockPath}.${uniqueSuffix()}.stale`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (fs.readFileSync(aside, "utf8") !== staleRaw) {
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // a third process took the lock in between: it holds it now
    }
  }
  fs.rmSync(aside, { force: true });
}

/** One non-blocking attempt; a lock whose pid is dead is taken over. */
export function tryAcquireLock(lockPath: string, details: Record<string, unknown> = {}): LockAttempt {
  const record: LockRecord = {
    ...details,
    pid: process.pid,
    token: randomBytes(8).toString("hex"),
    createdAt: new Date().toISOString(),
  };
  const content = `${JSON.stringify(record)}\n`;
  for (let attempt = 0; attempt < 10; attempt++) {
    if (tryCreate(lockPath, content)) {
      return { acquired: true, record, release: () => releaseLock(lockPath, record.token) };
    }
    const raw = readRaw(lockPath);
    if (raw === null) continue;
    const holder = parseRecord(raw);
    if (holder && isPidAlive(holder.pid)) return { acquired: false, holder };
    removeStale(lockPath, raw);
  }
  throw new Error(`Could not acquire the lock file ${lockPath}: it keeps changing`);
}

/** Removes the lock only if it is still the one identified by `token`. */
export function releaseLock(lockPath: string, token: string): void {
  const raw = readRaw(lockPath);
  if (raw !== null && parseRecord(raw)?.token === token) fs.rmSync(lockPath, { force: true });
}

/** Runs `fn` while holding the lock, waiting (polling) for a live holder to let go. */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  { timeoutMs = 120_000, onWait }: { timeoutMs?: number; onWait?: (holder: LockRecord) => void } = {},
): Promise<T> {
  let attempt = tryAcquireLock(lockPath);
  if (!attempt.acquired) {
    onWait?.(attempt.holder);
    await waitUntil(
      () => {
        attempt = tryAcquireLock(lockPath);
        return attempt.acquired;
      },
      { timeoutMs, timeoutMessage: `Timed out after ${timeoutMs} ms waiting for the lock ${lockPath}` },
    );
  }
  const held = attempt as Extract<LockAttempt, { acquired: true }>;
  try {
    return await fn();
  } finally {
    held.release();
  }
}
