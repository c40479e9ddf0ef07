"use client";

import { useActionState, useEffect, useRef } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { changePasswordAction } from "@/lib/actions/accounts/change-password";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

/** Change (or, for someone who signed up with a provider, set) the password; other sessions end. */
export function ChangePasswordForm({ hasPassword, email }: { hasPassword: boolean; email: string }) {
  const [state, action] = useActionState(changePasswordAction, initialFormState);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="grid gap-3 sm:max-w-md" noValidate>
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      {hasPassword ? (
        <FormField name="currentPassword" type="password" label="Current password" autoComplete="current-password" errors={state.fieldErrors?.currentPassword} />
      ) : null}
      <FormField name="newPassword" type="password" label="New password" autoComplete="new-password" hint="At least 8 characters." errors={state.fieldErrors?.newPassword} />
      <FormField name="confirmPassword" type="password" label="Repeat the new password" autoComplete="new-password" errors={state.fieldErrors?.confirmPassword} />
      {state.message ? <Alert variant={state.status === "error" ? "destructive" : "success"}>{state.message}</Alert> : null}
      <SubmitButton className="justify-self-start" pendingLabel="Saving…">
        {hasPassword ? "Change password" : "Set password"}
      </SubmitButton>
    </form>
  );
}
