"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { acceptInvitationAction } from "@/lib/actions/invitations/accept-invitation";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function AcceptInvitationForm({ token, workspaceName }: { token: string; workspaceName: string }) {
  const [state, action] = useActionState(acceptInvitationAction, initialFormState);
  return (
    <form action={action} className="grid gap-3">
      <input type="hidden" name="token" value={token} />
      {state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
      <SubmitButton pendingLabel="Joining…">Join {workspaceName}</SubmitButton>
    </form>
  );
}
