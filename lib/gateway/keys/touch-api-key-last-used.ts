import "server-only";
import { getPool } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";

const INTERVAL_MS = 60_000;
const MAX_TRACKED = 10_000;

// When this process last wrote last_used_at per key: a busy key costs one UPDATE a minute, not one a request.
const globals = globalThis as typeof globalThis & { __darkroomKeyTouches?: Map<string, number> };
const touched = (globals.__darkroomKeyTouches ??= new Map<string, number>());

// The WHERE keeps other instances from writing the same minute again.
const SQL = `
  UPDATE api_keys SET last_used_at = now()
  WHERE id = $1::uuid AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`;

/**
 * Records that a key was used, at most once a minute per key per process. Fire-and-forget: never awaited on
 * the request path, and a failure is only logged. Returns whether an UPDATE was sent (for tests).
 */
export function touchApiKeyLastUsed(id: string, now: number = Date.now()): Promise<boolean> {
  const last = touched.get(id);
  if (last !== undefined && now - last < INTERVAL_MS) return Promise.resolve(false);
  touched.delete(id);
  touched.set(id, now);
  if (touched.size > MAX_TRACKED) touched.delete(touched.keys().next().value as string);
  return getPool()
    .query(SQL, [id])
    .then(
      () => true,
      (error: unknown) => {
        touched.delete(id);
        logger.warn({ err: error, apiKeyId: id }, "could not record API key use");
        return false;
      },
    );
}
