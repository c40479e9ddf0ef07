import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ResendVerificationForm } from "@/components/auth/resend-verification-form";
import { getEmailStatus } from "@/lib/accounts/get-email-status";
import { db } from "@/lib/db/client";
import { mailMode } from "@/lib/mail/mail-mode";
import { ChangeEmailForm } from "./change-email-form";

/** Account settings › Email: the sign-in address, whether it is confirmed, and a change confirmed at the new address. */
export async function EmailSection({ userId }: { userId: string }) {
  const [status, user] = await Promise.all([
    getEmailStatus({ userId }),
    db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } }),
  ]);
  if (!status || !user) return null;
  const mailOn = mailMode() !== "off";
  return (
    <Card role="region" aria-labelledby="email-section-title">
      <CardHeader>
        <CardTitle id="email-section-title" className="text-lg">
          Email
        </CardTitle>
        <CardDescription>The address you sign in with and where Darkroom sends links.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="break-all font-medium">{status.email}</span>
          <Badge variant={status.verified ? "success" : "warning"}>{status.verified ? "Confirmed" : "Not confirmed"}</Badge>
        </p>
        {!status.verified && mailOn ? <ResendVerificationForm compact /> : null}
        {status.pendingEmail ? (
          <p className="text-sm text-muted-foreground">
            Waiting for confirmation: <span className="break-all font-medium text-foreground">{status.pendingEmail}</span>. The link we sent there
            makes it your address; the old one is told.
          </p>
        ) : null}
        {mailOn ? (
          <ChangeEmailForm hasPassword={user.passwordHash !== null} />
        ) : (
          <p className="text-sm text-muted-foreground">This Darkroom sends no mail, so an administrator changes addresses.</p>
        )}
      </CardContent>
    </Card>
  );
}
