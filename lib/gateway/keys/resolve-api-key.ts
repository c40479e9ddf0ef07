import "server-only";
import { getNotificationListener } from "@/lib/db/notifications";
import { createApiKeyResolver, type ApiKeyResolver } from "./create-api-key-resolver";
import type { ResolvedApiKey } from "./lookup-api-key";

export type { ResolvedApiKey } from "./lookup-api-key";

// Kept on globalThis so Next's dev reloads reuse one cache and one listener connection.
const globals = globalThis as typeof globalThis & { __darkroomApiKeys?: ApiKeyResolver };

function processResolver(): ApiKeyResolver {
  globals.__darkroomApiKeys ??= createApiKeyResolver({ listener: getNotificationListener() });
  return globals.__darkroomApiKeys;
}

/** The gateway's key check (hot path): this process's cached resolver; `fresh` skips the cached answer. */
export function resolveApiKey(rawKey: string, options?: { fresh?: boolean }): Promise<ResolvedApiKey | null> {
  return processResolver().resolve(rawKey, options);
}

/** Drops a key from this process's cache at once (other processes hear the NOTIFY). */
export function invalidateCachedApiKey(hash: string): void {
  globals.__darkroomApiKeys?.invalidate(hash);
}
