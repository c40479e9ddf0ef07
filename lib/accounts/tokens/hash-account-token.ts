import { createHash } from "node:crypto";

/** The stored form of a mailed token: its SHA-256 in hex. The raw token exists only in the link. */
export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
