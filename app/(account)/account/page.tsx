import Link from "next/link";
import { EmailSection } from "@/components/account/email-section";
import { requireUser } from "@/lib/auth/current-user";

export const metadata = { title: "Account settings" };

// Minimal settings page for the email section; the other sections (password, providers, sessions, deletion)
// join it here.
export default async function AccountPage() {
  const user = await requireUser("/account");
  return (
    <main id="main" className="mx-auto grid w-full max-w-2xl gap-6 p-4 sm:p-6">
      <div className="grid gap-1">
        <Link href="/" className="inline-flex min-h-6 w-fit items-center text-sm text-muted-foreground underline underline-offset-4">
          Back to Darkroom
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Account settings</h1>
      </div>
      <EmailSection userId={user.id} />
    </main>
  );
}
