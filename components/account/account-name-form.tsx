"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { renameUserAction } from "@/lib/actions/accounts/rename-user";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function AccountNameForm({ name }: { name: string }) {
  const [state, action] = useActionState(renameUserAction, initialFormState);
  return (
    <form action={action} className="grid gap-3 sm:max-w-md" noValidate>
      <FormField
        name="name"
        label="Name"
        autoComplete="name"
        maxLength={80}
        defaultValue={state.values?.name ?? name}
        hint="Shown to your teams and on the images you make. Leave empty to show your email."
        errors={state.fieldErrors?.name}
      />
      {state.message ? <Alert variant={state.status === "error" ? "destructive" : "success"}>{state.message}</Alert> : null}
      <SubmitButton className="justify-self-start" pendingLabel="Saving…">
        Save name
      </SubmitButton>
    </form>
  );
}
