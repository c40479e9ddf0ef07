"use client";

import { useActionState } from "react";
import { resendVerificationAction } from "@/lib/actions/auth/resend-verification";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * "Send the link again". Signed in (the app's banner), the address is the account's own and no field shows;
 * otherwise the person types the address the link went to.
 */
export function ResendVerificationForm({ email, next, askEmail, compact }: { email?: string; next?: string; askEmail?: boolean; compact?: boolean }) {
  const [state, action] = useActionState(resendVerificationAction, initialFormState);
  return (
    <form action={action} className={compact ? "flex flex-wrap items-center gap-2" : "grid gap-3"} noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {askEmail ? (
        <FormField name="email" label="Email" type="email" autoComplete="email" defaultValue={state.values?.email ?? email} errors={state.fieldErrors?.email} />
      ) : null}
      <SubmitButton variant="outline" size={compact ? "sm" : "default"} pendingLabel="Sending…">
        Send the link again
      </SubmitButton>
      {state.message ? <Alert variant={state.status === "error" ? "destructive" : "success"}>{state.message}</Alert> : null}
    </form>
  );
}
