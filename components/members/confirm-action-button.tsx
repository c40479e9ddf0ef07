"use client";

import { useActionState, useEffect, useId, useRef, type ReactNode } from "react";
import { useWorkspaceReadOnly } from "@/components/shell/workspace-read-only";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  trigger: string;
  triggerLabel?: string;
  title: string;
  children: ReactNode;
  confirm: string;
  pending: string;
  destructive?: boolean;
  /** Offered while the workspace is suspended (only leaving it: the server refuses every other change then). */
  whileReadOnly?: boolean;
};

/**
 * A button that asks first, in a modal <dialog> (focus stays inside, Escape cancels), then runs a server action
 * with hidden fields; errors show in the dialog, success closes it and is announced.
 */
export function ConfirmActionButton({ action, fields, trigger, triggerLabel, title, children, confirm, pending, destructive, whileReadOnly }: Props) {
  const readOnly = useWorkspaceReadOnly();
  const [state, run] = useActionState(action, initialFormState);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const succeeded = state.status === "success";
  useEffect(() => {
    if (succeeded) dialog.current?.close();
  }, [succeeded]);
  if (readOnly && !whileReadOnly) return null;
  return (
    <>
      <Button type="button" variant="outline" size="sm" onClick={() => dialog.current?.showModal()} aria-label={triggerLabel}>
        {trigger}
      </Button>
      {succeeded && state.message ? <span role="status" className="sr-only">{state.message}</span> : null}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-border bg-card p-6 text-left text-card-foreground shadow-lg backdrop:bg-black/50"
      >
        <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
        <div className="mt-2 text-sm text-muted-foreground">{children}</div>
        {state.status === "error" ? <Alert variant="destructive" className="mt-4">{state.message ?? Object.values(state.fieldErrors ?? {}).flat().join(" ")}</Alert> : null}
        <form action={run} className="mt-6 flex justify-end gap-2">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <Button type="button" variant="outline" onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </Button>
          <SubmitButton variant={destructive ? "destructive" : "default"} pendingLabel={pending}>
            {confirm}
          </SubmitButton>
        </form>
      </dialog>
    </>
  );
}
