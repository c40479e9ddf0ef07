import "server-only";
import { hash, parseOptions, verify, type Options } from "@node-rs/argon2";

// OWASP Password Storage Cheat Sheet, Argon2id row "m=19456 (19 MiB), t=2, p=1" (its minimum; the other rows
// trade memory for passes at the same cost). Pinned here rather than left to the library's defaults, so a
// library upgrade can't change them silently, and so old hashes can be recognised and upgraded.
// `algorithm: 2` is Argon2id: the package's Algorithm enum is a `const enum`, which isolatedModules can't inline.
const POLICY = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const satisfies Options;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, POLICY);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters than today's policy (rehash it at the next sign-in). */
export function passwordNeedsRehash(passwordHash: string): boolean {
  try {
    const used = parseOptions(passwordHash);
    return (
      used.algorithm !== POLICY.algorithm ||
      used.memoryCost !== POLICY.memoryCost ||
      used.timeCost !== POLICY.timeCost ||
      used.parallelism !== POLICY.parallelism ||
      used.outputLen !== POLICY.outputLen
    );
  } catch {
    return true;
  }
}

// Verified against when the email is unknown, so both failures cost the same time.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("darkroom-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
