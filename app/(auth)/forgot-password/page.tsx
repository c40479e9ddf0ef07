import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { mailMode } from "@/lib/mail/mail-mode";

export const metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<{ email?: string | string[] }> }) {
  const { email } = await searchParams;
  const mailOff = mailMode() === "off";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Forgot your password?</CardTitle>
        <CardDescription>
          {mailOff ? "This Darkroom can't send email." : "We'll email you a link to choose a new one."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {mailOff ? (
          <Alert>
            Ask the person who runs this Darkroom to set a new password for you (they run{" "}
            <code className="font-mono text-xs">npm run cli -- user:set-password</code>). Doing so signs you out everywhere.
          </Alert>
        ) : (
          <ForgotPasswordForm email={typeof email === "string" ? email.slice(0, 254) : undefined} />
        )}
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        <Link href="/sign-in" className="inline-flex min-h-6 items-center font-medium text-foreground underline underline-offset-4">
          Back to sign in
        </Link>
      </CardFooter>
    </Card>
  );
}
