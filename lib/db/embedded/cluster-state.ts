import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isPidAlive, type Log } from "./processes";
import { canAccess, type RunAs } from "./run-as";

// What DATA_DIR remembers about its embedded cluster:
//   postgres.json        credentials, port and where the cluster lives (mode 0600)
//   postgres.users.json  the processes using the running server (the last one out stops it)
//   postgres.lock        held while a process starts, joins, leaves or stops the server

export interface ClusterState {
  version: 1;
  user: string;
  password: string;
  database: string;
  port: number | null;
  clusterDir: string | null;
}

/** The processes using the running server; the last one to leave stops it. */
export interface UsersRecord {
  postmasterPid: number;
  users: { pid: number; token: string }[];
}

export const statePath = (dataDir: string) => path.join(dataDir, "postgres.json");
export const usersPath = (dataDir: string) => path.join(dataDir, "postgres.users.json");
export const startLockPath = (dataDir: string) => path.join(dataDir, "postgres.lock");

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

function writeJsonAtomic(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

export function loadState(dataDir: string): ClusterState | null {
  const state = readJson<Partial<ClusterState>>(statePath(dataDir));
  if (!state) return null;
  if (state.version !== 1 || !state.user || !state.password || !state.database) {
    throw new Error(`${statePath(dataDir)} is not a Darkroom PostgreSQL state file`);
  }
  return { port: null, clusterDir: null, ...state } as ClusterState;
}

export function saveState(dataDir: string, state: ClusterState): void {
  writeJsonAtomic(statePath(dataDir), state);
}

export function newState(database: string): ClusterState {
  return {
    version: 1,
    user: "darkroom",
    password: randomBytes(24).toString("base64url"),
    database,
    port: null,
    clusterDir: null,
  };
}

export function readUsers(dataDir: string): UsersRecord | null {
  return readJson<UsersRecord>(usersPath(dataDir));
}

function writeUsers(dataDir: string, record: UsersRecord | null): void {
  if (record && record.users.length > 0) writeJsonAtomic(usersPath(dataDir), record);
  else fs.rmSync(usersPath(dataDir), { force: true });
}

/** Registers a handle of this process as a user of the server; returns its token and the other live users' pids. */
export function joinServer(dataDir: string, postmasterPid: number): { token: string; others: number[] } {
  const record = readUsers(dataDir);
  const others = record?.postmasterPid === postmasterPid ? record.users.filter((user) => isPidAlive(user.pid)) : [];
  const token = randomBytes(8).toString("hex");
  writeUsers(dataDir, { postmasterPid, users: [...others, { pid: process.pid, token }] });
  return { token, others: others.map((user) => user.pid) };
}

/**
 * Unregisters a handle. "last": no live user remains, the caller must stop the server; "others":
 * someone still uses it; "replaced": the registry belongs to another server now.
 */
export function leaveServer(dataDir: string, postmasterPid: number, token: string): "last" | "others" | "replaced" {
  const record = readUsers(dataDir);
  if (record && record.postmasterPid !== postmasterPid) return "replaced";
  const others = (record?.users ?? []).filter((user) => user.token !== token && isPidAlive(user.pid));
  writeUsers(dataDir, others.length > 0 ? { postmasterPid, users: others } : null);
  return others.length > 0 ? "others" : "last";
}

function assertSafeFallback(dir: string, runAs: RunAs): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    return; // does not exist yet: created by us
  }
  if (!stat.isDirectory() || (stat.uid !== runAs.uid && stat.uid !== 0)) {
    throw new Error(`${dir} exists but is not a directory owned by ${runAs.user} or root; remove it and retry`);
  }
}

/**
 * Where the cluster lives: `<dataDir>/postgres`, unless the user PostgreSQL runs as cannot
 * traverse every parent of dataDir; then `<tmpdir>/darkroom-pg-<hash of dataDir>`. An existing
 * cluster stays where it was recorded.
 */
export function chooseClusterDir(dataDir: string, recorded: string | null, runAs: RunAs | undefined, log: Log): string {
  const inside = path.join(dataDir, "postgres");
  const fallback = path.join(
    os.tmpdir(),
    `darkroom-pg-${createHash("sha256").update(fs.realpathSync(dataDir)).digest("hex").slice(0, 16)}`,
  );
  let chosen = inside;
  if (recorded && fs.existsSync(path.join(recorded, "PG_VERSION"))) chosen = recorded;
  else if (runAs && !canAccess(runAs, dataDir, "x")) chosen = fallback;

  if (chosen !== inside && runAs) {
    assertSafeFallback(chosen, runAs);
    log(
      `[db] warning: PostgreSQL (running as '${runAs.user}') cannot traverse the parents of ${dataDir}; ` +
        `its cluster lives in ${chosen} instead (recorded in ${statePath(dataDir)})`,
    );
  }
  return chosen;
}
