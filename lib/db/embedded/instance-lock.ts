import fs from "node:fs";
import path from "node:path";
import { type LockRecord, releaseLock, tryAcquireLock } from "./file-lock";

export interface InstanceDetails {
  port?: number;
  url?: string;
}

export interface InstanceLock {
  path: string;
  /** Records details known only later (e.g. the port once listening). */
  update(details: InstanceDetails): void;
  /** Removes the lock file if it is still ours. Also done automatically at process exit. */
  release(): void;
}

export class InstanceRunningError extends Error {
  override name = "InstanceRunningError";
  readonly code = "instance-running";
  constructor(
    readonly lockName: string,
    readonly holder: LockRecord & InstanceDetails,
  ) {
    const where = holder.url ?? (holder.port ? `port ${holder.port}` : undefined);
    super(`Darkroom (${lockName}) is already running (pid ${holder.pid}${where ? `, ${where}` : ""})`);
  }
}

/**
 * Makes sure only one process of a kind (e.g. "dev-server") runs on a DATA_DIR: writes
 * `<dataDir>/<name>.lock` with pid, port, url and start time. Throws InstanceRunningError while
 * another live process holds it; a lock left by a dead process is taken over.
 */
export function acquireInstanceLock(dataDir: string, name: string, details: InstanceDetails = {}): InstanceLock {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`Invalid instance lock name: ${name}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, `${name}.lock`);
  const attempt = tryAcquireLock(lockPath, { ...details });
  if (!attempt.acquired) throw new InstanceRunningError(name, attempt.holder as LockRecord & InstanceDetails);

  let record = attempt.record;
  const release = () => {
    process.removeListener("exit", release);
    releaseLock(lockPath, record.token);
  };
  process.once("exit", release);
  return {
    path: lockPath,
    update(next) {
      record = { ...record, ...next };
      const temporary = `${lockPath}.${process.pid}.update`;
      fs.writeFileSync(temporary, `${JSON.stringify(record)}\n`, { mode: 0o600 });
      fs.renameSync(temporary, lockPath);
    },
    release,
  };
}
