import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";

export type NotificationHandler = (payload: string) => void;

export interface NotificationListener {
  /** Calls `handler` for every NOTIFY on `channel` (LISTENing starts now or on the next connect). Returns an unsubscribe. */
  subscribe(channel: string, handler: NotificationHandler): () => void;
  /**
   * Identifies the current connection while `channel` is being listened to; null while it is not. Anything
   * learned under another epoch (or under null) may have missed notifications and must not be trusted.
   */
  epoch(channel: string): number | null;
  /** Resolves once `channel` is listened to (warm-up, tests). */
  ready(channel: string): Promise<void>;
  close(): Promise<void>;
}

export type NotificationListenerOptions = {
  connectionString: string;
  minRetryMs?: number;
  maxRetryMs?: number;
  /** A silent half-open connection would miss notifications unnoticed: ping it this often. */
  heartbeatMs?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
};

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * One dedicated, long-lived connection per listener (not from the pool: LISTEN is session state, which a pooled
 * or PgBouncer-transaction connection cannot keep). Reconnects with exponential backoff; while it is down,
 * epoch() is null so caches built on it step aside.
 */
export function createNotificationListener(options: NotificationListenerOptions): NotificationListener {
  const { connectionString, minRetryMs = 100, maxRetryMs = 10_000, heartbeatMs = 15_000 } = options;
  const applicationName = options.applicationName ?? "darkroom-notifications";
  const handlers = new Map<string, Set<NotificationHandler>>();
  const listening = new Set<string>();
  const waiters = new Map<string, Array<() => void>>();
  // The connection being opened or in use, and whether it is connected (ready to LISTEN).
  let client: pg.Client | null = null;
  let connected = false;
  let started = false;
  let closed = false;
  let connectionEpoch = 0;
  let retryMs = minRetryMs;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  function dispatch(channel: string, payload: string): void {
    for (const handler of handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        logger.error({ err: error, channel }, "notification handler failed");
      }
    }
  }

  async function listen(target: pg.Client, channel: string): Promise<void> {
    // The channel name is checked against CHANNEL_NAME in subscribe(), so it is safe as an identifier.
    await target.query(`LISTEN ${channel}`);
    if (client !== target) return;
    listening.add(channel);
    for (const resolve of waiters.get(channel) ?? []) resolve();
    waiters.delete(channel);
  }

  function lost(target: pg.Client, error?: unknown): void {
    if (client !== target) return;
    client = null;
    connected = false;
    listening.clear();
    clearInterval(heartbeat);
    target.end().catch(() => {});
    if (closed) return;
    logger.warn({ err: error, retryInMs: retryMs }, "notification listener disconnected; caches bypassed until it is back");
    retryTimer = setTimeout(() => void connect(), retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  }

  async function connect(): Promise<void> {
    if (closed) return;
    const target = new pg.Client({ connectionString, keepAlive: true, application_name: applicationName });
    client = target;
    target.on("error", (error) => lost(target, error));
    target.on("end", () => lost(target));
    target.on("notification", (message) => dispatch(message.channel, message.payload ?? ""));
    try {
      await target.connect();
      if (client !== target) return;
      connected = true;
      connectionEpoch++;
      await Promise.all([...handlers.keys()].map((channel) => listen(target, channel)));
      retryMs = minRetryMs;
      heartbeat = setInterval(() => {
        target.query("SELECT 1").catch((error: unknown) => lost(target, error));
      }, heartbeatMs);
      heartbeat.unref();
    } catch (error) {
      lost(target, error);
    }
  }

  return {
    subscribe(channel, handler) {
      if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid notification channel name: ${channel}`);
      const set = handlers.get(channel) ?? new Set();
      handlers.set(channel, set.add(handler));
      if (!started) {
        started = true;
        void connect();
      } else if (client && connected && !listening.has(channel)) {
        const target = client;
        listen(target, channel).catch((error: unknown) => lost(target, error));
      }
      return () => void handlers.get(channel)?.delete(handler);
    },
    epoch(channel) {
      return connected && listening.has(channel) ? connectionEpoch : null;
    },
    ready(channel) {
      if (connected && listening.has(channel)) return Promise.resolve();
      return new Promise((resolve) => waiters.set(channel, [...(waiters.get(channel) ?? []), resolve]));
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      const target = client;
      client = null;
      connected = false;
      listening.clear();
      await target?.end().catch(() => {});
    },
  };
}

const globals = globalThis as typeof globalThis & { __darkroomListener?: NotificationListener };

/** The process-wide listener (one connection for every channel), created on first use. */
export function getNotificationListener(): NotificationListener {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  globals.__darkroomListener ??= createNotificationListener({ connectionString: env.DATABASE_URL });
  return globals.__darkroomListener;
}

/** Subscribes on the process-wide listener. */
export function subscribe(channel: string, handler: NotificationHandler): () => void {
  return getNotificationListener().subscribe(channel, handler);
}
