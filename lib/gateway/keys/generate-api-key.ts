import { randomBytes } from "node:crypto";
import { API_KEY_BODY_LENGTH, API_KEY_PREFIX, BASE62, hashApiKey } from "./api-key-format";

export type GeneratedApiKey = { key: string; hash: string; prefix: string; last4: string };

/** A fresh random key and what is stored of it: its hash, the first 8 characters (with `dk_`) and the last 4. */
export function generateApiKey(): GeneratedApiKey {
  let body = "";
  while (body.length < API_KEY_BODY_LENGTH) {
    for (const byte of randomBytes(64)) {
      // 248 = 4 × 62: rejecting bytes above it keeps every character equally likely.
      if (byte < 248 && body.length < API_KEY_BODY_LENGTH) body += BASE62[byte % 62];
    }
  }
  const key = `${API_KEY_PREFIX}${body}`;
  return { key, hash: hashApiKey(key)!, prefix: key.slice(0, 8), last4: key.slice(-4) };
}
