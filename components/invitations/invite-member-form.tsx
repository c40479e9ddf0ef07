"use client";

import { ReadOnlyFieldset } from "@/components/shell/workspace-read-only";
import { useActionState } from "react";
import { inviteMemberAction, type InviteMemberState } from "@/lib/actions/invitations/invite-member";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { SubmitButton } from "@/components/ui/submit-button";

const initialState: InviteMemberState = { status: "idle" };

function mailNote(invitation: NonNullable<InviteMemberState["invitation"]>): string {
  if (invitation.mailed) {
    return invitation.mailMode === "dev-mailbox"
      ? `Sent to ${invitation.email} (development mailbox: /dev/mailbox).`
      : `Emailed to ${invitation.email}.`;
  }
  return invitation.mailMode === "off"
    ? `Mail is off on this server: copy the link and send it to ${invitation.email} yourself.`
    : `The email to ${invitation.email} could not be sent: copy the link and send it yourself.`;
}

export function InviteMemberForm({ workspaceSlug }: { workspaceSlug: string }) {
  const [state, action] = useActionState(inviteMemberAction, initialState);
  const values = state.status === "error" ? state.values : undefined;
  return (
    <div className="grid gap-4">
      <form action={action} className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start" noValidate>
        <ReadOnlyFieldset>
          <input type="hidden" name="workspace" value={workspaceSlug} />
          <FormField name="email" label="Email" type="email" required autoComplete="off" defaultValue={values?.email} errors={state.fieldErrors?.email} />
          <div className="grid gap-2">
            <Label htmlFor="invite-role">Role</Label>
            <NativeSelect id="invite-role" name="role" defaultValue={values?.role ?? "member"} aria-invalid={state.fieldErrors?.role ? true : undefined}>
              <option value="member">Member</option>
              <option value="viewer">Viewer</option>
              <option value="admin">Admin</option>
            </NativeSelect>
          </div>
          <SubmitButton className="sm:mt-[1.6rem]" pendingLabel="Inviting…">Invite</SubmitButton>
        </ReadOnlyFieldset>
      </form>
      <div aria-live="polite" className="empty:hidden">
        {state.status === "error" && state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
        {state.invitation ? (
          <Alert variant={state.invitation.mailed ? "success" : "default"} data-testid="invitation-created">
            <p>{mailNote(state.invitation)} The link works once, for that address only.</p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <code className="min-w-0 break-all rounded bg-background px-2 py-1 text-xs" data-testid="invitation-link">
                {state.invitation.url}
              </code>
              <CopyButton value={state.invitation.url} label="Copy link" />
            </div>
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
