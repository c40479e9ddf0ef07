import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

// One pooled SMTP transport per URL (tests point env.SMTP_URL at a server they start, so the URL may change).
let cached: { url: string; transport: Transporter } | undefined;

/** The SMTP transport for SMTP_URL, or null when mail is not sent over SMTP. */
export function getMailTransport(): Transporter | null {
  const url = env.SMTP_URL;
  if (!url) return null;
  if (cached?.url !== url) {
    cached?.transport.close();
    // Bounded waits: an unreachable mail server must not hold a person's request for minutes.
    cached = {
      url,
      transport: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  return cached.transport;
}
