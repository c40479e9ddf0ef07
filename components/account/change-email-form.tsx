"use client";

import { useActionState } from "react";
import { requestEmailChangeAction } from "@/lib/actions/accounts/request-email-change";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function ChangeEmailForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, action] = useActionState(requestEmailChangeAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      {state.message ? <Alert variant={state.status === "error" ? "destructive" : "success"}>{state.message}</Alert> : null}
      <FormField
        name="email"
        label="New email address"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.status === "error" ? state.values?.email : undefined}
        errors={state.fieldErrors?.email}
      />
      {hasPassword ? (
        <FormField
          name="password"
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          errors={state.fieldErrors?.password}
        />
      ) : null}
      <div>
        <SubmitButton pendingLabel="Sending…">Send confirmation link</SubmitButton>
      </div>
    </form>
  );
}
