import "server-only";
import { sendMail, type MailOutcome } from "@/lib/mail/send-mail";
import type { CreatedInvitation } from "./create-invitation";

/** Emails an invitation's link (when mail is on); the outcome says whether it went. */
export function sendInvitationMail(invitation: CreatedInvitation, inviter: { name: string | null; email: string }): Promise<MailOutcome> {
  const who = inviter.name ? `${inviter.name} (${inviter.email})` : inviter.email;
  const text = [
    `${who} invited you to join the team "${invitation.workspaceName}" on Darkroom as ${invitation.role}.`,
    "",
    "Accept the invitation:",
    invitation.url,
    "",
    `The link works once, for ${invitation.email}, until ${invitation.expiresAt.toUTCString()}.`,
    "If you didn't expect this, ignore this message.",
  ].join("\n");
  return sendMail({ to: invitation.email, subject: `Join ${invitation.workspaceName} on Darkroom`, text });
}
