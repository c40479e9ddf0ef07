"use client";

import { useActionState, type ReactNode } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { cn } from "@/lib/cn";

type Props = {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  destructive?: boolean;
  className?: string;
  /** The visible fields; given the last state so they can show its field errors and echoed values. */
  children?: (state: FormState) => ReactNode;
};

/** One admin form: hidden ids, the fields, a submit button, and the action's outcome announced above it. */
export function AdminForm({ action, hidden, submitLabel, pendingLabel, destructive, className, children }: Props) {
  const [state, formAction] = useActionState(action, { status: "idle" } as FormState);
  return (
    <form action={formAction} className={cn("grid gap-3", className)} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div aria-live="polite" className="empty:hidden">
        {state.status === "error" && state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
        {state.status === "success" && state.message ? <Alert variant="success">{state.message}</Alert> : null}
      </div>
      {children?.(state)}
      <div>
        <SubmitButton size="sm" variant={destructive ? "destructive" : "default"} pendingLabel={pendingLabel}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
