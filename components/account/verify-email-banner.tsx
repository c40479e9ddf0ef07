import { ResendVerificationForm } from "@/components/auth/resend-verification-form";
import { getEmailStatus } from "@/lib/accounts/get-email-status";
import { env } from "@/lib/env";
import { mailMode } from "@/lib/mail/mail-mode";

/**
 * Shown in the app while the signed-in person's address is unverified: what waits on it, and a resend. One short
 * row on a phone (the details from `sm` up), so the studio's "Choose files" stays clear of its sticky prompt bar.
 */
export async function VerifyEmailBanner({ userId }: { userId: string }) {
  const status = await getEmailStatus({ userId });
  if (!status || status.verified) return null;
  const mailOff = mailMode() === "off";
  return (
    <section
      aria-label="Email verification"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-amber-500/40 bg-amber-500/10 px-4 py-2 text-sm sm:px-6"
    >
      <p className="min-w-0 flex-1">
        <strong>Confirm your email address.</strong>{" "}
        <span className="hidden sm:inline">
          {mailOff ? "This Darkroom sends no mail, so an administrator confirms addresses." : <>We sent a link to <span className="break-all font-medium">{status.email}</span>.</>}{" "}
          Until then you can&apos;t create API keys or join teams
          {env.DEFAULT_CREDITS > env.TRIAL_CREDITS ? ", and you have trial credits only" : ""}.
        </span>
      </p>
      {mailOff ? null : <ResendVerificationForm compact />}
    </section>
  );
}
