import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

// The token is in this page's address: no other site may see it in a Referer.
export const metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const valid = typeof token === "string" && token.length > 0 && token.length <= 200;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Choose a new password</CardTitle>
        <CardDescription>Setting it signs you out on every device.</CardDescription>
      </CardHeader>
      <CardContent>
        {valid ? (
          <ResetPasswordForm token={token} />
        ) : (
          <Alert variant="destructive">This link is not valid. Check that you copied all of it, or ask for a new one.</Alert>
        )}
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        <Link href="/forgot-password" className="inline-flex min-h-6 items-center font-medium text-foreground underline underline-offset-4">
          Ask for a new link
        </Link>
      </CardFooter>
    </Card>
  );
}
