"use client";

import { useActionState } from "react";
import { resetPasswordAction } from "@/lib/actions/auth/reset-password";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      {state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <FormField name="password" label="New password" type="password" autoComplete="new-password" required autoFocus hint="At least 8 characters." errors={state.fieldErrors?.password} />
      <FormField name="confirmPassword" label="Repeat the new password" type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirmPassword} />
      <SubmitButton pendingLabel="Saving…">Set new password</SubmitButton>
    </form>
  );
}
