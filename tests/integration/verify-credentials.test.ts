import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { seedUser, uniqueEmail } from "../factories/users";

const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 4)}`;

describe("verifyCredentials", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await seedUser();
    const result = await verifyCredentials({ email: user.email.toUpperCase(), password: user.password }, ip());
    expect(result).toEqual({ id: user.userId, email: user.email, name: "Test User" });
  });

  it("answers the same for a wrong password, an unknown email and a disabled account", async () => {
    const user = await seedUser();
    const disabled = await seedUser();
    await db.user.update({ where: { id: disabled.userId }, data: { disabled: true, disabledAt: new Date() } });
    expect(await verifyCredentials({ email: user.email, password: "wrong password" }, ip())).toBeNull();
    expect(await verifyCredentials({ email: uniqueEmail("ghost"), password: "whatever" }, ip())).toBeNull();
    expect(await verifyCredentials({ email: disabled.email, password: disabled.password }, ip())).toBeNull();
  });

  it("rate-limits attempts per account, across addresses", async () => {
    const user = await seedUser();
    for (let i = 0; i < 10; i++) {
      expect(await verifyCredentials({ email: user.email, password: `wrong-${i}` }, ip())).toBeNull();
    }
    const error = await verifyCredentials({ email: user.email, password: user.password }, ip()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("rate_limited");
  });

  it("rate-limits attempts per IP address, across accounts", async () => {
    const address = ip();
    for (let i = 0; i < 30; i++) {
      await verifyCredentials({ email: uniqueEmail("spray"), password: "guess" }, address);
    }
    const user = await seedUser();
    const error = await verifyCredentials({ email: user.email, password: user.password }, address).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("rate_limited");
    // Another address is not affected.
    expect(await verifyCredentials({ email: user.email, password: user.password }, ip())).not.toBeNull();
  });
});

describe("sign-up limit per address", () => {
  it("refuses the address once its hourly budget is spent", async () => {
    const { consumeAuthAttempt } = await import("@/lib/auth/rate-limiters");
    const { env } = await import("@/lib/env");
    const address = ip();
    for (let i = 0; i < env.SIGNUP_LIMIT_PER_IP; i++) await consumeAuthAttempt("signUpPerIp", address);
    const error = await consumeAuthAttempt("signUpPerIp", address).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("rate_limited");
    expect((error as AppError).options.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("password hashes", () => {
  it("are made with OWASP's Argon2id parameters (m=19 MiB, t=2, p=1)", async () => {
    const user = await seedUser();
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.userId }, select: { passwordHash: true } });
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("made with older, weaker parameters are upgraded at the next sign-in, and only after the right password", async () => {
    const { hash } = await import("@node-rs/argon2");
    const user = await seedUser();
    const old = await hash(user.password, { memoryCost: 4096, timeCost: 3, parallelism: 1 });
    await db.user.update({ where: { id: user.userId }, data: { passwordHash: old } });
    const stored = async () =>
      (await db.user.findUniqueOrThrow({ where: { id: user.userId }, select: { passwordHash: true } })).passwordHash!;

    expect(await verifyCredentials({ email: user.email, password: "wrong password" }, ip())).toBeNull();
    expect(await stored()).toBe(old);

    expect(await verifyCredentials({ email: user.email, password: user.password }, ip())).not.toBeNull();
    const upgraded = await stored();
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // The same password still signs in against the new hash.
    expect(await verifyCredentials({ email: user.email, password: user.password }, ip())).not.toBeNull();
    expect(await stored()).toBe(upgraded);
  });
});
