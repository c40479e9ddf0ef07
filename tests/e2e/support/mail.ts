import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import type { CaughtMail } from "../../support/smtp-catcher";

export { firstLink } from "../../support/smtp-catcher";

/** Every message the e2e server has sent so far (through SMTP, caught by global-mail-catcher.ts). */
export function sentMails(): CaughtMail[] {
  const dir = process.env.E2E_MAIL_DIR!;
  const names = fs.readdirSync(dir).filter((n) => n.endsWith(".json") && !n.startsWith("."));
  return names.sort().map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), "utf8")) as CaughtMail);
}

/** The first message that matches, waiting for it to arrive. */
export async function waitForMail(match: (mail: CaughtMail) => boolean, timeout = 20_000): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await expect
    .poll(() => (found = sentMails().find(match)), { timeout, message: "waiting for a mail" })
    .toBeTruthy();
  return found!;
}
