import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AccountTokenError } from "@/lib/accounts/tokens/account-token-error";
import { markEmailVerified } from "@/lib/accounts/mark-email-verified";
import { registerWithEmail } from "@/lib/accounts/register-with-email";
import { resendVerification } from "@/lib/accounts/resend-verification";
import { verifyEmailByOperator } from "@/lib/accounts/verify-email-by-operator";
import { verifyEmailLink } from "@/lib/accounts/verify-email-link";
import { checkLedger } from "@/lib/billing/check-ledger";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { createApiKey } from "@/lib/gateway/keys/create-api-key";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { createTeamWorkspace } from "@/lib/workspaces/create-team-workspace";
import { seedUser, uniqueEmail } from "../factories/users";
import { firstLink, startSmtpCatcher, type CaughtMail, type SmtpCatcher } from "../support/smtp-catcher";

const mutableEnv = env as { SMTP_URL?: string; ADMIN_EMAILS: string[] };
const ORIGIN = "http://127.0.0.1:4321";
const PASSWORD = "a long enough password";
let smtp: SmtpCatcher;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  mutableEnv.SMTP_URL = smtp.url;
});
afterAll(async () => {
  mutableEnv.SMTP_URL = undefined;
  await smtp.close();
});
afterEach(() => {
  mutableEnv.ADMIN_EMAILS = [];
});

const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
const tokenOf = (mail: CaughtMail) => new URL(firstLink(mail.text)).searchParams.get("token")!;

async function signUpAndGetLink(email: string): Promise<{ userId: string; workspaceId: string; token: string }> {
  await registerWithEmail({ email, name: "Vera", password: PASSWORD, origin: ORIGIN });
  const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject.startsWith("Confirm your email"));
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, memberships: { select: { workspaceId: true } } } });
  return { userId: user.id, workspaceId: user.memberships[0]!.workspaceId, token: tokenOf(mail) };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("sign-up with mail on", () => {
  it("a new address gets an unverified account with trial credits and a link through SMTP; the link verifies once and grants the rest once", async () => {
    const email = uniqueEmail("trial");
    const { userId, workspaceId, token } = await signUpAndGetLink(email);
    const link = new URL(firstLink(mailsTo(email)[0]!.text));
    expect(link.origin).toBe(ORIGIN);
    expect(link.pathname).toBe("/verify-email");

    const before = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(before.emailVerifiedAt).toBeNull();
    expect(before.welcomeCreditsDue).toBe(env.DEFAULT_CREDITS - env.TRIAL_CREDITS);
    expect((await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).balance).toBe(env.TRIAL_CREDITS);

    await expect(verifyEmailLink(token)).resolves.toMatchObject({ id: userId, email });
    const after = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(after.emailVerifiedAt).not.toBeNull();
    expect(after.welcomeCreditsDue).toBe(0);
    expect((await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).balance).toBe(env.DEFAULT_CREDITS);
    const grants = await db.ledgerEntry.findMany({ where: { workspaceId, kind: "grant" }, orderBy: { createdAt: "asc" } });
    expect(grants.map((g) => g.amount)).toEqual([env.TRIAL_CREDITS, env.DEFAULT_CREDITS - env.TRIAL_CREDITS]);
    expect(grants[1]!.opId).toBe(`welcome:${userId}`);

    // The link is spent, and verifying again grants nothing.
    const again = await verifyEmailLink(token).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AccountTokenError);
    expect((again as AccountTokenError).problem).toBe("used");
    expect(await markEmailVerified({ userId, email })).toEqual({ verified: false, creditsGranted: 0 });
    expect((await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).balance).toBe(env.DEFAULT_CREDITS);
    expect((await checkLedger()).ok).toBe(true);
  });

  it("simultaneous verifications grant the rest of the welcome credits exactly once", async () => {
    const email = uniqueEmail("race");
    const { userId, workspaceId } = await signUpAndGetLink(email);
    const results = await Promise.all(Array.from({ length: 6 }, () => markEmailVerified({ userId, email })));
    expect(results.filter((r) => r.verified)).toHaveLength(1);
    expect(results.reduce((sum, r) => sum + r.creditsGranted, 0)).toBe(env.DEFAULT_CREDITS - env.TRIAL_CREDITS);
    expect((await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).balance).toBe(env.DEFAULT_CREDITS);
  });

  it("a registered address: the same answer, nothing changed, and its owner is mailed instead", async () => {
    const owner = await seedUser();
    const hashBefore = (await db.user.findUniqueOrThrow({ where: { id: owner.userId } })).passwordHash;
    const users = await db.user.count();
    await expect(registerWithEmail({ email: owner.email.toUpperCase(), name: "Mallory", password: "another password", origin: ORIGIN })).resolves.toBeUndefined();
    const notice = await smtp.waitFor((m) => m.to.includes(owner.email));
    expect(notice.subject).toBe("Someone tried to sign up with your address on Darkroom");
    expect(notice.text).toContain(`${ORIGIN}/sign-in`);
    expect(notice.text).toContain("Forgot your password?");
    expect(await db.user.count()).toBe(users);
    const after = await db.user.findUniqueOrThrow({ where: { id: owner.userId } });
    expect(after.passwordHash).toBe(hashBefore);
    expect(after.name).toBe("Test User");
  });

  it("a registered but unverified address: its owner gets a fresh verification link with the notice", async () => {
    const email = uniqueEmail("again");
    const first = await signUpAndGetLink(email);
    await registerWithEmail({ email, password: "someone else", origin: ORIGIN });
    const second = await smtp.waitFor((m) => m.to.includes(email) && m.text.includes("already has one"));
    expect(second.subject).toBe("Confirm your email address for Darkroom");
    // Only the newest link works.
    expect(((await verifyEmailLink(first.token).catch((e: unknown) => e)) as AccountTokenError).problem).toBe("expired");
    await expect(verifyEmailLink(tokenOf(second))).resolves.toMatchObject({ id: first.userId });
  });

  it("an ADMIN_EMAILS address becomes admin only once verified", async () => {
    const email = uniqueEmail("boss");
    mutableEnv.ADMIN_EMAILS = [email];
    const { userId, token } = await signUpAndGetLink(email);
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("user");
    await verifyEmailLink(token);
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("admin");
  });

  it("until verified: no API keys and no joining a team by invitation; afterwards both work", async () => {
    const email = uniqueEmail("gated");
    const { userId, workspaceId, token } = await signUpAndGetLink(email);
    const membership = await db.membership.findFirstOrThrow({ where: { userId, workspaceId } });
    const keyInput = { workspaceId, membershipId: membership.id, createdById: userId, name: "script" };
    const keyError = await errorOf(createApiKey(keyInput));
    expect(keyError.code).toBe("forbidden");
    expect(keyError.message).toContain("Verify your email address");
    expect(await db.apiKey.count({ where: { createdById: userId } })).toBe(0);

    const teamOwner = await seedUser();
    const team = await createTeamWorkspace({ userId: teamOwner.userId }, { name: "Gated team" });
    const invitation = await createInvitation({ userId: teamOwner.userId, workspaceId: team.id }, { email, role: "member" });
    const inviteToken = new URL(invitation.url).pathname.split("/").at(-1)!;
    const inviteError = await errorOf(acceptInvitation({ userId, email }, inviteToken));
    expect(inviteError.code).toBe("forbidden");
    expect(await db.membership.count({ where: { userId, workspaceId: team.id } })).toBe(0);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeNull();

    await verifyEmailLink(token);
    await expect(createApiKey(keyInput)).resolves.toMatchObject({ key: expect.any(String) });
    await expect(acceptInvitation({ userId, email }, inviteToken)).resolves.toEqual({ slug: team.slug });
  });

  it("resending is limited per address, counting the sign-up, and each resend retires the previous link", async () => {
    const email = uniqueEmail("resend");
    const { token } = await signUpAndGetLink(email);
    for (let i = 0; i < 4; i++) await resendVerification({ email, origin: ORIGIN });
    await expect.poll(() => mailsTo(email).length).toBe(5);
    const limited = await errorOf(resendVerification({ email, origin: ORIGIN }));
    expect(limited.code).toBe("rate_limited");
    expect(limited.options.retryAfterSeconds).toBeGreaterThan(0);
    expect(((await verifyEmailLink(token).catch((e: unknown) => e)) as AccountTokenError).problem).toBe("expired");
    // An address without an account is counted the same, and gets nothing.
    const nobody = uniqueEmail("nobody");
    for (let i = 0; i < 5; i++) await resendVerification({ email: nobody, origin: ORIGIN });
    expect((await errorOf(resendVerification({ email: nobody, origin: ORIGIN }))).code).toBe("rate_limited");
    expect(mailsTo(nobody)).toHaveLength(0);
  });

  it("a disabled account's link is refused and stays unused", async () => {
    const email = uniqueEmail("off");
    const { userId, token } = await signUpAndGetLink(email);
    await db.user.update({ where: { id: userId }, data: { disabled: true } });
    expect(((await verifyEmailLink(token).catch((e: unknown) => e)) as AccountTokenError).problem).toBe("unknown");
    await db.user.update({ where: { id: userId }, data: { disabled: false } });
    await expect(verifyEmailLink(token)).resolves.toMatchObject({ id: userId });
  });

  it("without mail an operator verifies (user:verify-email), with the same effect, once", async () => {
    const user = await seedUser({ emailVerified: false });
    expect((await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId } })).balance).toBe(env.TRIAL_CREDITS);
    expect(await verifyEmailByOperator({ email: user.email.toUpperCase() })).toEqual({ verified: true, creditsGranted: env.DEFAULT_CREDITS - env.TRIAL_CREDITS });
    expect(await verifyEmailByOperator({ email: user.email })).toEqual({ verified: false, creditsGranted: 0 });
    expect((await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId } })).balance).toBe(env.DEFAULT_CREDITS);
    expect((await errorOf(verifyEmailByOperator({ email: uniqueEmail("ghost") }))).code).toBe("not_found");
  });
});
