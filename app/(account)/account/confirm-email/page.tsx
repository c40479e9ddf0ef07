import { ConfirmEmailChangeForm } from "@/components/account/confirm-email-change-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata = { title: "Confirm your new email" };

// Works without a session (the link may be opened on another device): the token alone was mailed to the new address.
export default async function ConfirmEmailChangePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const token = (await searchParams).token?.slice(0, 200);
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-muted/40 p-6">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle>Confirm your new email address</CardTitle>
          <CardDescription>Your Darkroom account will sign in with this address from now on.</CardDescription>
        </CardHeader>
        <CardContent>
          {token ? <ConfirmEmailChangeForm token={token} /> : <Alert variant="destructive">This link is incomplete. Open the full link from the email.</Alert>}
        </CardContent>
      </Card>
    </main>
  );
}
