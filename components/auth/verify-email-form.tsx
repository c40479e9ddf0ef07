"use client";

import { useActionState } from "react";
import { verifyEmailAction } from "@/lib/actions/auth/verify-email";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function VerifyEmailForm({ token, next }: { token: string; next?: string }) {
  const [state, action] = useActionState(verifyEmailAction, initialFormState);
  return (
    <form action={action} className="grid gap-4">
      <input type="hidden" name="token" value={token} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
      <SubmitButton pendingLabel="Confirming…">Confirm and sign in</SubmitButton>
    </form>
  );
}
