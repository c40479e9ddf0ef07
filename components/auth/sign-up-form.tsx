"use client";

import { useActionState } from "react";
import { signUpAction } from "@/lib/actions/auth/sign-up";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function SignUpForm({ callbackUrl, email }: { callbackUrl?: string; email?: string } = {}) {
  const [state, action] = useActionState(signUpAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
      <FormField name="name" label="Name" autoComplete="name" defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
      <FormField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email ?? email}
        errors={state.fieldErrors?.email}
      />
      <FormField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        errors={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Creating your workspace…">Create account</SubmitButton>
    </form>
  );
}
