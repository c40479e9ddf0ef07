import { createHash } from "node:crypto";

// A key reads `dk_` + 40 base62 characters (~238 bits of randomness). Only its SHA-256 is stored; a fast
// hash is right here because the key is random, not a password, and it is looked up on every request.
export const API_KEY_PREFIX = "dk_";
export const API_KEY_BODY_LENGTH = 40;
export const API_KEY_PATTERN = /^dk_[0-9A-Za-z]{40}$/;
export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** The stored form of a key (SHA-256, lowercase hex), or null when the string cannot be a Darkroom key. */
export function hashApiKey(rawKey: string): string | null {
  if (!API_KEY_PATTERN.test(rawKey)) return null;
  return createHash("sha256").update(rawKey).digest("hex");
}
