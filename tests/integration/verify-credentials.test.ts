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
