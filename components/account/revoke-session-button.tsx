"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { revokeSessionAction } from "@/lib/actions/accounts/revoke-session";
import { SubmitButton } from "@/components/ui/submit-button";

export function RevokeSessionButton({ sessionId, device }: { sessionId: string; device: string }) {
  const [state, action] = useActionState(revokeSessionAction, initialFormState);
  return (
    <form action={action} className="grid justify-items-end gap-1">
      <input type="hidden" name="sessionId" value={sessionId} />
      <SubmitButton variant="outline" size="sm" pendingLabel="Signing out…" aria-label={`Sign out ${device}`}>
        Sign out
      </SubmitButton>
      {state.status === "error" ? (
        <p role="alert" className="text-xs font-medium text-destructive">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
