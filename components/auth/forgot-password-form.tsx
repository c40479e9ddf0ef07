"use client";

import { useActionState } from "react";
import { requestPasswordResetAction } from "@/lib/actions/auth/request-password-reset";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function ForgotPasswordForm({ email }: { email?: string }) {
  const [state, action] = useActionState(requestPasswordResetAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      {state.message ? <Alert variant={state.status === "error" ? "destructive" : "success"}>{state.message}</Alert> : null}
      <FormField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        defaultValue={state.values?.email ?? email}
        errors={state.fieldErrors?.email}
      />
      <SubmitButton pendingLabel="Sending…">Email me a link</SubmitButton>
    </form>
  );
}
