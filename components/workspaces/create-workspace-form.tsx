"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { createWorkspaceAction } from "@/lib/actions/workspaces/create-workspace";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function CreateWorkspaceForm({ origin }: { origin: string }) {
  const [state, action] = useActionState(createWorkspaceAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      {state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
      <FormField name="name" label="Team name" required maxLength={80} autoComplete="organization" defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
      <FormField
        name="slug"
        label="Address (optional)"
        maxLength={40}
        autoCapitalize="none"
        spellCheck={false}
        hint={`${origin}/your-team. Empty: made from the name.`}
        defaultValue={state.values?.slug}
        errors={state.fieldErrors?.slug}
      />
      <SubmitButton pendingLabel="Creating the team…">Create team</SubmitButton>
    </form>
  );
}
