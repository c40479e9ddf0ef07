import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { listDevMailbox } from "@/lib/mail/list-dev-mailbox";
import { mailMode } from "@/lib/mail/mail-mode";
import { sendMail } from "@/lib/mail/send-mail";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";

const mutableEnv = env as { SMTP_URL?: string; NODE_ENV: string };
let smtp: SmtpCatcher;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(() => {
  mutableEnv.SMTP_URL = undefined;
  mutableEnv.NODE_ENV = "test";
});

describe("sendMail", () => {
  it("delivers through SMTP when SMTP_URL is set", async () => {
    mutableEnv.SMTP_URL = smtp.url;
    expect(mailMode()).toBe("smtp");
    const outcome = await sendMail({ to: "someone@example.test", subject: "Hello över SMTP", text: "A long link: https://example.test/invite/" + "x".repeat(120) });
    expect(outcome).toEqual({ mode: "smtp", sent: true });
    const mail = await smtp.waitFor((m) => m.subject === "Hello över SMTP");
    expect(mail.to).toEqual(["someone@example.test"]);
    expect(mail.from).toBe("darkroom@localhost");
    expect(mail.text).toContain("https://example.test/invite/" + "x".repeat(120));
  });

  it("reports an unreachable SMTP server as not sent instead of throwing", async () => {
    const dead = await startSmtpCatcher();
    await dead.close();
    mutableEnv.SMTP_URL = dead.url;
    expect(await sendMail({ to: "a@example.test", subject: "lost", text: "x" })).toEqual({ mode: "smtp", sent: false });
  });

  it("keeps mail in the development mailbox without SMTP_URL outside production", async () => {
    const subject = `Dev ${Date.now()}`;
    expect(mailMode()).toBe("dev-mailbox");
    expect(await sendMail({ to: "dev@example.test", subject, text: "body" })).toEqual({ mode: "dev-mailbox", sent: true });
    const mails = await listDevMailbox();
    expect(mails.find((m) => m.subject === subject)).toMatchObject({ to: "dev@example.test", text: "body" });
  });

  it("sends nothing in production without SMTP_URL", async () => {
    mutableEnv.NODE_ENV = "production";
    const before = (await listDevMailbox(1000)).length;
    expect(mailMode()).toBe("off");
    expect(await sendMail({ to: "p@example.test", subject: "prod", text: "x" })).toEqual({ mode: "off", sent: false });
    expect((await listDevMailbox(1000)).length).toBe(before);
  });
});
