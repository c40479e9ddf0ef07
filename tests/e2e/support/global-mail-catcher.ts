// Playwright global setup: one real SMTP server (tests/support/smtp-catcher) on E2E_SMTP_PORT for the whole run,
// where the e2e server sends every mail. Specs run in parallel workers (other processes), so each received
// message is written to E2E_MAIL_DIR as one JSON file, which tests/e2e/support/mail.ts reads.
import fs from "node:fs";
import path from "node:path";
import { startSmtpCatcher } from "../../support/smtp-catcher";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set (playwright.config.ts sets it)");
  fs.mkdirSync(dir, { recursive: true });
  const smtp = await startSmtpCatcher(Number(process.env.E2E_SMTP_PORT));
  let written = 0;
  const timer = setInterval(() => {
    for (; written < smtp.mails.length; written++) {
      const name = `${Date.now()}-${written}.json`;
      // Written aside, then renamed: a reader never sees half a message.
      fs.writeFileSync(path.join(dir, `.${name}`), JSON.stringify(smtp.mails[written]));
      fs.renameSync(path.join(dir, `.${name}`), path.join(dir, name));
    }
  }, 50);
  return async () => {
    clearInterval(timer);
    await smtp.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
