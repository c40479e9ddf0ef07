import Link from "next/link";
import { AcceptInvitationForm } from "@/components/invitations/accept-invitation-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { signOutAction } from "@/lib/actions/auth/sign-out";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { readInvitation, type InvitationState } from "@/lib/invitations/read-invitation";

export const metadata = { title: "Invitation" };

const ENDED: Record<Exclude<InvitationState, "pending">, string> = {
  expired: "This invitation has expired. Ask the team for a new one.",
  used: "This invitation has already been used.",
  revoked: "This invitation was withdrawn. Ask the team for a new one.",
};

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([readInvitation(token), getCurrentUser()]);
  if (!invitation) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Invitation not found</CardTitle>
          <CardDescription>This invitation link isn&apos;t valid. Check that you copied all of it.</CardDescription>
        </CardHeader>
      </Card>
    );
  }
  const here = `/invite/${token}`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Join {invitation.workspaceName}</CardTitle>
        <CardDescription>
          You are invited to the team {invitation.workspaceName} on Darkroom as {invitation.role}.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {invitation.state !== "pending" ? (
          <Alert variant="destructive">{ENDED[invitation.state]}</Alert>
        ) : !user ? (
          <>
            <p className="text-sm">
              This invitation is for <strong className="break-all">{invitation.email}</strong>. Sign in or create an account with
              that address to accept it.
            </p>
            <div className="grid gap-2">
              {env.SIGNUP_MODE === "open" ? (
                <Button asChild>
                  <Link href={`/sign-up?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}>Create an account</Link>
                </Button>
              ) : null}
              <Button asChild variant="outline">
                <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>Sign in</Link>
              </Button>
            </div>
          </>
        ) : user.email.toLowerCase() !== invitation.email ? (
          <>
            <Alert variant="destructive">
              This invitation is for {invitation.email}, but you are signed in as {user.email}. Sign in as {invitation.email} to accept it.
            </Alert>
            <form action={signOutAction}>
              <input type="hidden" name="callbackUrl" value={here} />
              <Button type="submit" variant="outline" className="w-full">Sign out and switch account</Button>
            </form>
          </>
        ) : (
          <AcceptInvitationForm token={token} workspaceName={invitation.workspaceName} />
        )}
      </CardContent>
    </Card>
  );
}
