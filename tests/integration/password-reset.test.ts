import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset } from "@/lib/accounts/request-password-reset";
import { resetPassword } from "@/lib/accounts/reset-password";
import { AccountTokenError } from "@/lib/accounts/tokens/account-token-error";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { readSessionUser } from "@/lib/sessions/read-session-user";
import { startUserSession } from "@/lib/sessions/start-user-session";
import { setPassword } from "@/lib/users/set-password";
import { seedUser, uniqueEmail } from "../factories/users";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";

const mutableEnv = env as { SMTP_URL?: string };
let smtp: SmtpCatcher;
let address = 0;
const ip = () => `10.77.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  mutableEnv.SMTP_URL = smtp.url;
});
afterAll(async () => {
  mutableEnv.SMTP_URL = undefined;
  await smtp.close();
});
afterEach(() => {
  mutableEnv.SMTP_URL = smtp.url;
});

const linkIn = (text: string) => {
  const match = /(https?:\/\/\S+\/reset-password\?token=(\S+))/.exec(text);
  if (!match) throw new Error(`no reset link in: ${text}`);
  return { url: match[1]!, token: decodeURIComponent(match[2]!) };
};

describe("password reset by mail", () => {
  it("mails a single-use link whose use sets the password and ends every session", async () => {
    const user = await seedUser();
    const sessions = [await startUserSession({ userId: user.userId, userAgent: null, ipAddress: null }), await startUserSession({ userId: user.userId, userAgent: null, ipAddress: null })];
    await requestPasswordReset({ email: user.email.toUpperCase(), ip: ip(), origin: env.PUBLIC_URL });
    const mail = await smtp.waitFor((m) => m.to.includes(user.email));
    expect(mail.subject).toBe("Reset your Darkroom password");
    const { url, token } = linkIn(mail.text);
    expect(url.startsWith(`${env.PUBLIC_URL}/reset-password?token=`)).toBe(true);
    // Only the hash is stored, with an hour to live.
    const stored = await db.accountToken.findFirstOrThrow({ where: { userId: user.userId, purpose: "reset_password" } });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(Math.abs(stored.expiresAt.getTime() - stored.createdAt.getTime() - 60 * 60 * 1000)).toBeLessThan(30_000);

    expect(await resetPassword({ token, password: "reset to this" })).toEqual({ email: user.email });
    for (const id of sessions) expect((await readSessionUser(user.userId, id))?.sessionLive).toBe(false);
    expect(await verifyCredentials({ email: user.email, password: user.password }, ip())).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: "reset to this" }, ip())).toMatchObject({ id: user.userId });
    // Single use.
    await expect(resetPassword({ token, password: "again and again" })).rejects.toBeInstanceOf(AccountTokenError);
  });

  it("answers an unknown address exactly like a known one and mails nothing", async () => {
    const email = uniqueEmail("nobody");
    await expect(requestPasswordReset({ email, ip: ip(), origin: env.PUBLIC_URL })).resolves.toBeUndefined();
    // A mail sent afterwards to a real account arrives; none ever went to the unknown address.
    const user = await seedUser();
    await requestPasswordReset({ email: user.email, ip: ip(), origin: env.PUBLIC_URL });
    await smtp.waitFor((m) => m.to.includes(user.email));
    expect(smtp.mails.some((m) => m.to.includes(email))).toBe(false);
  });

  it("is rate-limited per address, known or not", async () => {
    for (const email of [uniqueEmail("flood"), (await seedUser()).email]) {
      for (let i = 0; i < 3; i++) await requestPasswordReset({ email, ip: ip(), origin: env.PUBLIC_URL });
      await expect(requestPasswordReset({ email, ip: ip(), origin: env.PUBLIC_URL })).rejects.toMatchObject({ code: "rate_limited" });
    }
  });

  it("a newer link replaces the older one", async () => {
    const user = await seedUser();
    await requestPasswordReset({ email: user.email, ip: ip(), origin: env.PUBLIC_URL });
    const first = linkIn((await smtp.waitFor((m) => m.to.includes(user.email))).text).token;
    await requestPasswordReset({ email: user.email, ip: ip(), origin: env.PUBLIC_URL });
    const second = linkIn((await smtp.waitFor((m) => m.to.includes(user.email) && !m.text.includes(first))).text).token;
    await expect(resetPassword({ token: first, password: "from the old link" })).rejects.toBeInstanceOf(AccountTokenError);
    await resetPassword({ token: second, password: "from the new link" });
  });
});

describe("user:set-password (the operator's reset when there is no mail)", () => {
  it("ends every session of the person", async () => {
    const user = await seedUser();
    const session = await startUserSession({ userId: user.userId, userAgent: null, ipAddress: null });
    expect(await setPassword({ email: user.email, password: "operator chose this" })).toEqual({ sessionsEnded: 1 });
    expect((await readSessionUser(user.userId, session))?.sessionLive).toBe(false);
  });
});
