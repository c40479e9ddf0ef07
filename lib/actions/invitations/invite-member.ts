"use server";

import { revalidatePath } from "next/cache";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { sendInvitationMail } from "@/lib/invitations/send-invitation-mail";
import type { MailMode } from "@/lib/mail/mail-mode";
import { inviteMemberSchema } from "@/lib/workspaces/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

export type InviteMemberState = FormState & { invitation?: { email: string; url: string; mailed: boolean; mailMode: MailMode } };

const invite = workspaceAction({ schema: inviteMemberSchema, permission: "members.manage", echo: ["email", "role"] }, async (input, { user, workspace }) => {
  const invitation = await createInvitation({ userId: user.id, workspaceId: workspace.id }, { email: input.email, role: input.role });
  const mail = await sendInvitationMail(invitation, user);
  revalidatePath(`/${workspace.slug}/settings`);
  return {
    status: "success",
    invitation: { email: invitation.email, url: invitation.url, mailed: mail.sent, mailMode: mail.mode },
  } satisfies InviteMemberState;
});

export async function inviteMemberAction(previous: InviteMemberState, formData: FormData): Promise<InviteMemberState> {
  return invite(previous, formData);
}
