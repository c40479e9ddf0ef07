import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Mail } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { env } from "@/lib/env";
import { listDevMailbox } from "@/lib/mail/list-dev-mailbox";
import { mailMode } from "@/lib/mail/mail-mode";

export const metadata = { title: "Development mailbox" };

// Development only: what Darkroom would have emailed, for a developer without an SMTP server. Anywhere else
// (production, or SMTP configured) this page does not exist.
export default async function DevMailboxPage() {
  await connection();
  if (env.NODE_ENV !== "development" || mailMode() !== "dev-mailbox") notFound();
  const mails = await listDevMailbox();
  return (
    <main id="main" className="mx-auto flex w-full max-w-3xl flex-col gap-6 p-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Development mailbox</h1>
        <p className="text-sm text-muted-foreground">
          Mail this instance sent while <code>SMTP_URL</code> is unset (development only), newest first.
        </p>
      </header>
      {mails.length === 0 ? (
        <EmptyState icon={Mail} title="No mail yet">
          Invitations you send appear here.
        </EmptyState>
      ) : (
        <ol className="flex flex-col gap-4" aria-label="Messages">
          {mails.map((mail) => (
            <li key={mail.id}>
              <article className="rounded-xl border border-border bg-card p-4" aria-label={mail.subject}>
                <h2 className="font-medium">{mail.subject}</h2>
                <p className="text-xs text-muted-foreground">
                  To {mail.to} · from {mail.from} · <time dateTime={mail.sentAt}>{new Date(mail.sentAt).toUTCString()}</time>
                </p>
                <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm">{mail.text}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
