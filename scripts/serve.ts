// Starts Darkroom: `npm run dev` (--dev) and `npm start`. Brings up the database (embedded PostgreSQL
// under DATA_DIR when DATABASE_URL is unset), applies pending migrations, then serves Next.js from a
// plain Node HTTP server so shutdown can drain in-flight requests and stop the database last.
import type { IncomingMessage } from "node:http";
import next from "next";
import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip-header";
import { ensureDevAuthSecret } from "./server/auth-secret";
import { closeUnreadRequests } from "./server/close-unread-requests";
import { dropStalledWriters } from "./server/drop-stalled-writers";
import { createGracefulServer } from "./server/graceful-server";
import { serveDirectRoute } from "./server/serve-direct-route";
import { directRoute } from "@/lib/server/direct-routes";
import { runShutdownHooks } from "@/lib/server/shutdown-hooks";
import { abortInFlightWork } from "@/lib/server/shutdown-signal";

// Each step after the requests' grace (closing Next, the app's shutdown hooks) gets at most this long.
const STEP_MS = 2_000;
const CHAT_COMPLETIONS = "/v1/chat/completions";

const dev = process.argv.includes("--dev");
// Next decides its mode from this too; set it before anything reads the environment.
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";

const log = (line: string) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);

async function main() {
  const { parseEnv, EnvError } = await import("@/lib/env/parse-env");
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      log(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (dev && !env.AUTH_SECRET) process.env.AUTH_SECRET = ensureDevAuthSecret(env.DATA_DIR);

  const { ensureDatabase, acquireInstanceLock, onProcessExit } = await import("@/lib/db/ensure-database");
  const embedded = !env.DATABASE_URL;
  // One server per embedded database: a second `npm run dev` says so instead of sharing the data dir.
  const lock = embedded ? await acquireInstanceLock(env.DATA_DIR, "server", { url: env.PUBLIC_URL }) : null;
  if (embedded && !dev) log("warning: DATABASE_URL is unset; using the embedded PostgreSQL under DATA_DIR (one machine only)");
  // Signals are handled below (drain first); this only guarantees the database stops if we exit abruptly.
  const database = await ensureDatabase({ log, onStarted: (embedded) => void onProcessExit(embedded, { signals: [] }) });
  process.env.DATABASE_URL = database.url;
  // Next.js telemetry would try the network, which Darkroom never needs.
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  const app = next({ dev, hostname: env.HOSTNAME, port: env.PORT, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The gateway's chat completions skip Next's request chain once their route module is loaded (see
  // scripts/server/serve-direct-route.ts). Not in development, where Next recompiles a route when it is edited.
  const directHandler = (req: IncomingMessage) => {
    if (dev || req.method !== "POST") return undefined;
    const path = req.url?.split("?", 1)[0];
    return path === CHAT_COMPLETIONS ? directRoute(`POST ${CHAT_COMPLETIONS}`) : undefined;
  };
  const { server, shutdown } = createGracefulServer(
    (req, res) => {
      // The client address as the socket saw it; a client-sent header of the same name is overwritten.
      req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "unknown";
      closeUnreadRequests(req, res);
      const direct = directHandler(req);
      if (direct) void serveDirectRoute(req, res, direct);
      else void handle(req, res);
    },
    {
      // Headers and body must arrive within REQUEST_TIMEOUT_MS (Node's default is 300 s, checked every 30 s: a
      // body dripping in at a byte a second held a connection for 325 s). Then 408 and the socket closes.
      requestTimeout: env.REQUEST_TIMEOUT_MS,
      headersTimeout: env.REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(env.REQUEST_TIMEOUT_MS / 4))),
    },
  );
  // A client that stops reading for as long as the gateway waits on a silent upstream is dropped.
  dropStalledWriters(server, env.UPSTREAM_IDLE_TIMEOUT_MS);
  if (dev) {
    const upgrade = app.getUpgradeHandler();
    server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
  }
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Thousands of callers may connect at once (long image generations are started in bursts): with Node's
    // default backlog of 511 the rest of a burst is dropped by the kernel and retried by the callers after
    // 1, 3, 7, 15… s, so they wait a generation's length before Darkroom even sees them. The kernel caps it
    // at net.core.somaxconn.
    server.listen({ port: env.PORT, host: env.HOSTNAME, backlog: 8192 }, resolve);
  });
  log(`Darkroom ${dev ? "(development)" : ""} ready on ${env.PUBLIC_URL} (listening on ${env.HOSTNAME}:${env.PORT})`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing in-flight requests (up to ${env.SHUTDOWN_GRACE_MS} ms)…`);
    // Each step runs even if an earlier one failed, and each is bounded: the whole stop takes the grace plus a few
    // seconds, whatever a browser tab holds open, and the database is never left behind.
    await shutdown(env.SHUTDOWN_GRACE_MS, abortInFlightWork).catch((e) => log(`shutdown: ${String(e)}`));
    await Promise.race([app.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, STEP_MS).unref())]);
    await runShutdownHooks(STEP_MS);
    await database.stop().catch((e) => log(`database stop: ${String(e)}`));
    await lock?.release();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  // A refusal we expect (already running, bad configuration) reads as one sentence, not a stack trace.
  const expected = error instanceof Error && ["InstanceRunningError", "EnvError", "MigrationError"].includes(error.name);
  log(`Darkroom failed to start: ${error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error)}`);
  process.exit(1);
});
