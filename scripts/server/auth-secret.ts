import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Development convenience: a secret generated on first start and kept under DATA_DIR, so sessions survive
 * restarts without any setup. Production never gets here (a missing AUTH_SECRET fails env validation).
 */
export function ensureDevAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
