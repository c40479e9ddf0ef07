import Link from "next/link";
import { ResendVerificationForm } from "@/components/auth/resend-verification-form";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { emailField } from "@/lib/auth/schemas";
import { mailMode } from "@/lib/mail/mail-mode";

export const metadata = { title: "Check your inbox" };

// What every sign-up with mail on ends on, whether the address was new or already registered.
export default async function CheckInboxPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const email = emailField.safeParse(params.email ?? "");
  const next = safeCallbackUrl(params.callbackUrl, "") || undefined;
  const address = email.success ? email.data : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Check your inbox</CardTitle>
        <CardDescription>
          We sent a message to {address ? <strong className="break-all text-foreground">{address}</strong> : "your address"}. Open the link in it to
          confirm your address and sign in. It works for 24 hours.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        {mailMode() === "dev-mailbox" ? (
          <p>
            Development: mail goes to the{" "}
            <Link href="/dev/mailbox" className="font-medium underline underline-offset-4">
              development mailbox
            </Link>
            .
          </p>
        ) : null}
        <p className="text-muted-foreground">Nothing there? Look in your spam folder, or send it again.</p>
        <ResendVerificationForm askEmail email={address} next={next} />
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        Already confirmed?&nbsp;
        <Link href="/sign-in" className="font-medium text-foreground underline underline-offset-4">
          Sign in
        </Link>
      </CardFooter>
    </Card>
  );
}
