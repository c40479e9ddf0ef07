import { startSmtpCatcher, type SmtpCatcher } from "../../support/smtp-catcher";

/**
 * Binds the SMTP port the e2e server mails to (E2E_SMTP_PORT). Specs run in parallel workers and only one can
 * listen there at a time, so this waits for another spec's test to let go of it (each holds it for one test).
 */
export async function holdSmtpPort(timeoutMs = 170_000): Promise<SmtpCatcher> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await startSmtpCatcher(Number(process.env.E2E_SMTP_PORT));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
