import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { rateLimitKey } from "@/lib/gateway/limits/rate-limit-key";

// The per-key counter counts requests that arrive together in one upsert; these make them arrive together.

type Outcome = { ok: true; remaining: number; reset: string } | { ok: false; status: number; retryAfter: string | undefined };

async function attempt(keyId: string, rpm: number): Promise<Outcome> {
  try {
    const headers = await rateLimitKey(keyId, rpm);
    expect(headers["x-ratelimit-limit-requests"]).toBe(String(rpm));
    return { ok: true, remaining: Number(headers["x-ratelimit-remaining-requests"]), reset: headers["x-ratelimit-reset-requests"]! };
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return { ok: false, status: error.status, retryAfter: error.options.headers?.["retry-after"] };
  }
}

describe("rateLimitKey", () => {
  it("12 requests at once against rpm 5: exactly 5 pass, numbered 4..0 remaining; the rest are 429 with Retry-After", async () => {
    const keyId = randomUUID();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => attempt(keyId, 5)));
    const passed = outcomes.flatMap((o) => (o.ok ? [o] : []));
    expect(passed.map((o) => o.remaining).sort()).toEqual([0, 1, 2, 3, 4]);
    for (const o of passed) expect(o.reset).toMatch(/^(59|60)s$/);
    const refused = outcomes.flatMap((o) => (o.ok ? [] : [o]));
    expect(refused).toHaveLength(7);
    for (const o of refused) {
      expect(o.status).toBe(429);
      expect(Number(o.retryAfter)).toBeGreaterThanOrEqual(59);
    }
    // The stored counter holds every request that reached the database, refused ones included, as
    // rate-limiter-flexible counts them; never fewer than the limit.
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: `key-rpm-5:${keyId}` } });
    expect(row.points).toBeGreaterThanOrEqual(5);
  });

  it("keys count separately even within one batch, and a window that has ended starts again at 1", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const outcomes = await Promise.all([attempt(a, 3), attempt(b, 3), attempt(a, 3), attempt(b, 3)]);
    expect(outcomes.map((o) => (o.ok ? o.remaining : -1)).sort()).toEqual([1, 1, 2, 2]);
    // The window ends (moved into the past, as a minute passing would).
    await db.$executeRaw`UPDATE rate_limits SET expire = expire - 61000 WHERE key = ${`key-rpm-3:${a}`}`;
    expect(await attempt(a, 3)).toMatchObject({ ok: true, remaining: 2 });
    expect(await attempt(b, 3)).toMatchObject({ ok: true, remaining: 0 });
    expect(await attempt(b, 3)).toMatchObject({ ok: false, status: 429 });
  });

  it("a key whose limit changes starts a new window under its new limit", async () => {
    const keyId = randomUUID();
    expect(await attempt(keyId, 1)).toMatchObject({ ok: true, remaining: 0 });
    expect(await attempt(keyId, 1)).toMatchObject({ ok: false, status: 429 });
    expect(await attempt(keyId, 2)).toMatchObject({ ok: true, remaining: 1 });
  });
});
