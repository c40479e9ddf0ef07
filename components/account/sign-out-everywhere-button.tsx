"use client";

import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { signOutEverywhereAction } from "@/lib/actions/accounts/sign-out-everywhere";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function SignOutEverywhereButton() {
  const [state, action] = useActionState(signOutEverywhereAction, initialFormState);
  return (
    <form action={action} className="grid gap-2">
      <SubmitButton variant="outline" className="justify-self-start" pendingLabel="Signing out…">
        Sign out everywhere
      </SubmitButton>
      {state.status === "error" && state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
    </form>
  );
}
