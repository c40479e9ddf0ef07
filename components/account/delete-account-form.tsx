"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { deleteAccountAction } from "@/lib/actions/accounts/delete-account";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function DeleteAccountForm({ email }: { email: string }) {
  const [state, action] = useActionState(deleteAccountAction, initialFormState);
  return (
    <form action={action} className="grid gap-3 sm:max-w-md" noValidate>
      <FormField
        name="confirmation"
        label={`Type ${email} to confirm`}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        defaultValue={state.values?.confirmation}
        errors={state.fieldErrors?.confirmation}
      />
      {state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
      <SubmitButton variant="destructive" className="justify-self-start" pendingLabel="Deleting…">
        Delete my account
      </SubmitButton>
    </form>
  );
}
