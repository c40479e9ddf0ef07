import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AccountTokenError } from "@/lib/accounts/tokens/account-token-error";
import { consumeAccountToken } from "@/lib/accounts/tokens/consume-account-token";
import { hashAccountToken } from "@/lib/accounts/tokens/hash-account-token";
import { issueAccountToken } from "@/lib/accounts/tokens/issue-account-token";
import { seedUser } from "../factories/users";

const HOUR = 60 * 60 * 1000;

async function problemOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AccountTokenError);
  return (error as AccountTokenError).problem;
}

describe("account tokens", () => {
  it("stores only the hash and hands back a raw token that works once", async () => {
    const user = await seedUser();
    const { token, expiresAt } = await issueAccountToken({ userId: user.userId, purpose: "verify_email", email: user.email, ttlMs: HOUR });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + HOUR - 60_000);
    const stored = await db.accountToken.findMany({ where: { userId: user.userId } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashAccountToken(token));
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);

    const used = await consumeAccountToken({ token, purpose: "verify_email" });
    expect(used).toMatchObject({ userId: user.userId, email: user.email });
    expect(await problemOf(consumeAccountToken({ token, purpose: "verify_email" }))).toBe("used");
  });

  it("tells unknown, wrong-purpose, used and expired tokens apart", async () => {
    const user = await seedUser();
    expect(await problemOf(consumeAccountToken({ token: "no-such-token", purpose: "verify_email" }))).toBe("unknown");
    const { token } = await issueAccountToken({ userId: user.userId, purpose: "reset_password", email: user.email, ttlMs: HOUR });
    expect(await problemOf(consumeAccountToken({ token, purpose: "verify_email" }))).toBe("unknown");
    const expired = await issueAccountToken({ userId: user.userId, purpose: "change_email", email: "new@example.test", ttlMs: HOUR });
    await db.accountToken.updateMany({ where: { tokenHash: hashAccountToken(expired.token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await problemOf(consumeAccountToken({ token: expired.token, purpose: "change_email" }))).toBe("expired");
    // The reset token was untouched by the wrong-purpose attempt.
    await expect(consumeAccountToken({ token, purpose: "reset_password" })).resolves.toMatchObject({ userId: user.userId });
  });

  it("a new token for the same user and purpose retires the previous unused one, and only that one", async () => {
    const user = await seedUser();
    const other = await seedUser();
    const first = await issueAccountToken({ userId: user.userId, purpose: "verify_email", email: user.email, ttlMs: HOUR });
    const otherPurpose = await issueAccountToken({ userId: user.userId, purpose: "reset_password", email: user.email, ttlMs: HOUR });
    const otherUser = await issueAccountToken({ userId: other.userId, purpose: "verify_email", email: other.email, ttlMs: HOUR });
    const second = await issueAccountToken({ userId: user.userId, purpose: "verify_email", email: user.email, ttlMs: HOUR });
    expect(await problemOf(consumeAccountToken({ token: first.token, purpose: "verify_email" }))).toBe("expired");
    await expect(consumeAccountToken({ token: second.token, purpose: "verify_email" })).resolves.toMatchObject({ userId: user.userId });
    await expect(consumeAccountToken({ token: otherPurpose.token, purpose: "reset_password" })).resolves.toBeTruthy();
    await expect(consumeAccountToken({ token: otherUser.token, purpose: "verify_email" })).resolves.toMatchObject({ userId: other.userId });
  });

  it("two simultaneous uses of one token: exactly one succeeds", async () => {
    const user = await seedUser();
    const { token } = await issueAccountToken({ userId: user.userId, purpose: "verify_email", email: user.email, ttlMs: HOUR });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => consumeAccountToken({ token, purpose: "verify_email" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AccountTokenError).problem).toBe("used");
  });

  it("a use inside a transaction that rolls back leaves the token usable", async () => {
    const user = await seedUser();
    const { token } = await issueAccountToken({ userId: user.userId, purpose: "verify_email", email: user.email, ttlMs: HOUR });
    await db
      .$transaction(async (tx) => {
        await consumeAccountToken({ token, purpose: "verify_email" }, tx);
        throw new Error("what the token unlocks failed");
      })
      .catch(() => {});
    await expect(consumeAccountToken({ token, purpose: "verify_email" })).resolves.toMatchObject({ userId: user.userId });
  });

  it("tokens go with their user", async () => {
    const user = await seedUser();
    await issueAccountToken({ userId: user.userId, purpose: "verify_email", email: user.email, ttlMs: HOUR });
    await db.membership.deleteMany({ where: { userId: user.userId } });
    await db.user.delete({ where: { id: user.userId } });
    expect(await db.accountToken.count({ where: { userId: user.userId } })).toBe(0);
  });
});
