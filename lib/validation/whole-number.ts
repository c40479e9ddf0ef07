import { z } from "zod";
import { API_KEY_RPM_MAX } from "@/lib/gateway/keys/key-limits";

// The one place where a number an operator or a member types is checked against what its column holds (every
// count, price and credit column is a PostgreSQL `integer`), for the CLI's flags and the forms alike. Without it,
// a grant of 10^12 credits reached PostgreSQL and came back as a raw "out of range for type integer".
// Client-safe: forms import it.

/** The largest PostgreSQL `integer`. */
export const INT4_MAX = 2_147_483_647;

export type WholeNumberBounds = { min: number; max: number };

export const BOUNDS = {
  /** A credit grant (workspaces.balance, ledger_entries.amount). Whether the balance can take it is the grant's check. */
  creditGrant: { min: 1, max: INT4_MAX },
  /**
   * A model price per request, image or 1,000 tokens, and its completion token ceiling: a million each keeps the
   * largest hold (10 × (per_request + per_image) + a full body of prompt tokens + the whole ceiling) an integer.
   */
  price: { min: 0, max: 1_000_000 },
  tokenCeiling: { min: 0, max: 1_000_000 },
  /** A model's typical run time in seconds, shown in the studio's model picker (models.typical_seconds). */
  typicalSeconds: { min: 1, max: 86_400 },
  /** An API key's own requests-per-minute limit. */
  keyRpm: { min: 1, max: API_KEY_RPM_MAX },
} as const satisfies Record<string, WholeNumberBounds>;

/** "a whole number from 1 to 100,000": the rule, for messages. */
export function wholeNumberRule({ min, max }: WholeNumberBounds): string {
  return `a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}`;
}

/**
 * A whole number typed as text (a CLI flag, a form field) within `bounds`: digits only (no `1e3`, `0x10`, `1.5`
 * or a blank, which Number() would take), then the range; any failure reads `message`.
 */
export function wholeNumber(bounds: WholeNumberBounds, message = `Use ${wholeNumberRule(bounds)}.`): z.ZodType<number, string> {
  return z
    .string()
    .trim()
    .regex(/^[+-]?\d+$/, message)
    .transform(Number)
    .pipe(z.number().int(message).min(bounds.min, message).max(bounds.max, message));
}
