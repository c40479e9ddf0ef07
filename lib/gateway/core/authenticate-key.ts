import "server-only";
import { resolveApiKey, type ResolvedApiKey } from "../keys/resolve-api-key";
import { touchApiKeyLastUsed } from "../keys/touch-api-key-last-used";
import { GatewayError } from "../gateway-error";
import type { GatewayRequest } from "../request/gateway-request";

/**
 * `Authorization: Bearer <key>` → the key. Missing, malformed, unknown, revoked and expired all get one 401.
 * `fresh`: read the key from the database even when it is cached (see resolveApiKey).
 */
export async function authenticateKey(request: GatewayRequest, options?: { fresh?: boolean }): Promise<ResolvedApiKey> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const key = match ? await resolveApiKey(match[1]!, options) : null;
  if (!key) {
    throw new GatewayError(
      "invalid_api_key",
      "Incorrect API key provided. You can find your API keys in your Darkroom workspace under API keys.",
    );
  }
  void touchApiKeyLastUsed(key.id).catch(() => {});
  return key;
}
