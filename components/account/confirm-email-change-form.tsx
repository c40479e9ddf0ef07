"use client";

import Link from "next/link";
import { useActionState } from "react";
import { confirmEmailChangeAction } from "@/lib/actions/accounts/confirm-email-change";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function ConfirmEmailChangeForm({ token }: { token: string }) {
  const [state, action] = useActionState(confirmEmailChangeAction, initialFormState);
  if (state.status === "success") {
    return (
      <div className="grid gap-4">
        <Alert variant="success">{state.message}</Alert>
        <Link href="/account" className="inline-flex min-h-6 w-fit items-center text-sm font-medium underline underline-offset-4">
          Account settings
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="grid gap-4">
      <input type="hidden" name="token" value={token} />
      {state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
      <SubmitButton pendingLabel="Confirming…">Use this address</SubmitButton>
    </form>
  );
}
