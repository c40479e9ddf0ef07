import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountTokenError } from "@/lib/accounts/tokens/account-token-error";
import { confirmEmailChange } from "@/lib/accounts/confirm-email-change";
import { getEmailStatus } from "@/lib/accounts/get-email-status";
import { requestEmailChange } from "@/lib/accounts/request-email-change";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { seedUser, uniqueEmail } from "../factories/users";
import { firstLink, startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";

const mutableEnv = env as { SMTP_URL?: string };
const ORIGIN = "http://127.0.0.1:4321";
let smtp: SmtpCatcher;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  mutableEnv.SMTP_URL = smtp.url;
});
afterAll(async () => {
  mutableEnv.SMTP_URL = undefined;
  await smtp.close();
});

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function linkFor(email: string): Promise<string> {
  const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject === "Confirm your new email address for Darkroom");
  const link = new URL(firstLink(mail.text));
  expect(link.origin + link.pathname).toBe(`${ORIGIN}/account/confirm-email`);
  return link.searchParams.get("token")!;
}

describe("email change", () => {
  it("is confirmed at the new address: the account then signs in with it, verified, and the old address is told", async () => {
    const user = await seedUser();
    const newEmail = uniqueEmail("moved");
    await requestEmailChange({ userId: user.userId }, { newEmail: newEmail.toUpperCase(), password: user.password, origin: ORIGIN });
    const token = await linkFor(newEmail);
    // Nothing changes until the link is used.
    expect(await getEmailStatus({ userId: user.userId })).toEqual({ email: user.email, verified: true, pendingEmail: newEmail });

    await expect(confirmEmailChange(token)).resolves.toEqual({ oldEmail: user.email, newEmail });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(after.email).toBe(newEmail);
    expect(after.emailVerifiedAt).not.toBeNull();
    const told = await smtp.waitFor((m) => m.to.includes(user.email) && m.subject === "Your Darkroom sign-in address was changed");
    expect(told.text).toContain(newEmail);
    expect(await verifyCredentials({ email: newEmail, password: user.password }, "203.0.113.7")).toMatchObject({ id: user.userId });
    expect(await verifyCredentials({ email: user.email, password: user.password }, "203.0.113.7")).toBeNull();
    expect(((await confirmEmailChange(token).catch((e: unknown) => e)) as AccountTokenError).problem).toBe("used");
    expect(await db.auditLog.count({ where: { target: user.userId, action: "user.email_changed" } })).toBe(1);
  });

  it("needs the current password, and refuses the address the account already has", async () => {
    const user = await seedUser();
    const wrong = await errorOf(requestEmailChange({ userId: user.userId }, { newEmail: uniqueEmail("x"), password: "not it", origin: ORIGIN }));
    expect(wrong.options.field).toBe("password");
    const missing = await errorOf(requestEmailChange({ userId: user.userId }, { newEmail: uniqueEmail("x"), origin: ORIGIN }));
    expect(missing.options.field).toBe("password");
    const same = await errorOf(requestEmailChange({ userId: user.userId }, { newEmail: user.email, password: user.password, origin: ORIGIN }));
    expect(same.options.field).toBe("email");
    expect(await db.accountToken.count({ where: { userId: user.userId } })).toBe(0);
  });

  it("an address another account has gets the same answer and no mail", async () => {
    const user = await seedUser();
    const other = await seedUser();
    const before = smtp.mails.length;
    await expect(requestEmailChange({ userId: user.userId }, { newEmail: other.email, password: user.password, origin: ORIGIN })).resolves.toBeUndefined();
    expect(await db.accountToken.count({ where: { userId: user.userId } })).toBe(0);
    expect(smtp.mails.slice(before).filter((m) => m.to.includes(other.email))).toHaveLength(0);
  });

  it("an address taken after the link was sent: refused, nothing changed, the link stays unused", async () => {
    const user = await seedUser();
    const target = uniqueEmail("contested");
    await requestEmailChange({ userId: user.userId }, { newEmail: target, password: user.password, origin: ORIGIN });
    const token = await linkFor(target);
    const squatter = await seedUser({ email: target });
    const conflict = await errorOf(confirmEmailChange(token));
    expect(conflict.code).toBe("conflict");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.userId } })).email).toBe(user.email);
    expect((await db.accountToken.findFirstOrThrow({ where: { userId: user.userId, purpose: "change_email" } })).usedAt).toBeNull();
    expect(squatter.email).toBe(target);
  });

  it("confirming from a trial account ends the trial like a verification (the rest of the welcome credits, once)", async () => {
    const user = await seedUser({ emailVerified: false });
    expect((await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId } })).balance).toBe(env.TRIAL_CREDITS);
    const target = uniqueEmail("trial-moved");
    await requestEmailChange({ userId: user.userId }, { newEmail: target, password: user.password, origin: ORIGIN });
    await confirmEmailChange(await linkFor(target));
    expect((await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId } })).balance).toBe(env.DEFAULT_CREDITS);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.userId } })).emailVerifiedAt).not.toBeNull();
  });
});
