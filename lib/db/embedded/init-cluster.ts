import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PgBinaries } from "./binaries";
import { childEnv, pipeLines } from "./postmaster";
import type { Log } from "./processes";
import type { RunAs } from "./run-as";

export interface InitOptions {
  binaries: PgBinaries;
  clusterDir: string;
  runAs: RunAs | undefined;
  user: string;
  password: string;
  fast: boolean;
  log: Log;
}

/** initdb with password (SCRAM) authentication and UTF-8 (builtin C.UTF-8 locale, no OS locale needed). */
export async function initCluster({ binaries, clusterDir, runAs, user, password, fast, log }: InitOptions): Promise<void> {
  if (fs.existsSync(clusterDir) && fs.readdirSync(clusterDir).length > 0) {
    log(`[db] removing the unfinished cluster in ${clusterDir} (no PG_VERSION)`);
  }
  fs.rmSync(clusterDir, { recursive: true, force: true });
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const secretDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-pg-init-"));
  const passwordFile = path.join(secretDir, "password");
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    for (const target of [clusterDir, secretDir, passwordFile]) fs.chownSync(target, runAs.uid, runAs.gid);
  }
  const args = [
    `--pgdata=${clusterDir}`,
    `--username=${user}`,
    `--pwfile=${passwordFile}`,
    "--auth=scram-sha-256",
    "--encoding=UTF8",
    "--locale=C",
    "--locale-provider=builtin",
    "--builtin-locale=C.UTF-8",
    "--no-instructions",
    ...(fast ? ["--no-sync"] : []),
  ];
  const tail: string[] = [];
  try {
    const child = spawn(binaries.initdb, args, {
      stdio: ["ignore", "pipe", "pipe"],
      cwd: "/",
      env: childEnv(),
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
    pipeLines(child.stdout, "[initdb]", log, tail);
    pipeLines(child.stderr, "[initdb]", log, tail);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (exit ${code}):\n${tail.join("\n")}`);
  } finally {
    fs.rmSync(secretDir, { recursive: true, force: true });
  }
}
