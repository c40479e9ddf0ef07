import "server-only";
import { env } from "@/lib/env";

/**
 * How mail leaves this instance: through SMTP when SMTP_URL is set; otherwise, outside production, into the
 * development mailbox (DATA_DIR, shown at /dev/mailbox); in production without SMTP, not at all ("off"), and
 * the UI shows links to copy instead.
 */
export type MailMode = "smtp" | "dev-mailbox" | "off";

export function mailMode(): MailMode {
  if (env.SMTP_URL) return "smtp";
  return env.NODE_ENV === "production" ? "off" : "dev-mailbox";
}
