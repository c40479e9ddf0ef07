"use client";

import { useWorkspaceReadOnly } from "@/components/shell/workspace-read-only";
import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { revokeInvitationAction } from "@/lib/actions/invitations/revoke-invitation";
import { SubmitButton } from "@/components/ui/submit-button";

export function RevokeInvitationButton({ id, email, workspaceSlug }: { id: string; email: string; workspaceSlug: string }) {
  const [state, action] = useActionState(revokeInvitationAction, initialFormState);
  const readOnly = useWorkspaceReadOnly();
  if (readOnly) return null;
  return (
    <form action={action} className="flex items-center justify-end gap-2">
      <input type="hidden" name="workspace" value={workspaceSlug} />
      <input type="hidden" name="id" value={id} />
      {state.status === "error" ? <span role="alert" className="text-xs text-destructive">{state.message}</span> : null}
      <SubmitButton variant="outline" size="sm" pendingLabel="Withdrawing…" aria-label={`Withdraw the invitation for ${email}`}>
        Withdraw
      </SubmitButton>
    </form>
  );
}
