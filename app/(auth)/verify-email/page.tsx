import Link from "next/link";
import { ResendVerificationForm } from "@/components/auth/resend-verification-form";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";

export const metadata = { title: "Confirm your email" };

// The link only shows a button: using the token takes a POST, so mail scanners that open links don't spend it.
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const token = params.token?.slice(0, 200);
  const next = safeCallbackUrl(params.next, "") || undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Confirm your email address</CardTitle>
        <CardDescription>This confirms the address is yours and signs you in to Darkroom.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {token ? <VerifyEmailForm token={token} next={next} /> : <Alert variant="destructive">This link is incomplete. Open the full link from the email.</Alert>}
        <details className="text-sm text-muted-foreground">
          <summary className="min-h-6 cursor-pointer">Need a new link?</summary>
          <div className="mt-3">
            <ResendVerificationForm askEmail next={next} />
          </div>
        </details>
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        <Link href="/sign-in" className="inline-flex min-h-6 items-center font-medium text-foreground underline underline-offset-4">
          Back to sign in
        </Link>
      </CardFooter>
    </Card>
  );
}
