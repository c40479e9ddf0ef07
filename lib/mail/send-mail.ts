import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { devMailboxDir } from "./dev-mailbox-dir";
import { getMailTransport } from "./get-mail-transport";
import { mailMode, type MailMode } from "./mail-mode";

export type OutgoingMail = { to: string; subject: string; text: string; html?: string };

export type MailOutcome = { mode: MailMode; sent: boolean };

/**
 * Sends one message the way this instance is configured (see mailMode). A delivery failure is logged (without
 * the body, which may carry a link) and reported as `sent: false`: callers always have a fallback to show.
 */
export async function sendMail(message: OutgoingMail): Promise<MailOutcome> {
  const mode = mailMode();
  try {
    if (mode === "smtp") {
      await getMailTransport()!.sendMail({ from: env.MAIL_FROM, ...message });
      return { mode, sent: true };
    }
    if (mode === "dev-mailbox") {
      const dir = devMailboxDir();
      await fs.mkdir(dir, { recursive: true });
      const sentAt = new Date();
      const id = `${sentAt.getTime()}-${randomUUID()}`;
      const record = { id, from: env.MAIL_FROM, ...message, sentAt: sentAt.toISOString() };
      await fs.writeFile(path.join(dir, `${id}.json`), JSON.stringify(record), { mode: 0o600 });
      return { mode, sent: true };
    }
    return { mode, sent: false };
  } catch (err) {
    logger.warn({ err, mode, subject: message.subject }, "mail not sent");
    return { mode, sent: false };
  }
}
