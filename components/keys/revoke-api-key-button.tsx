"use client";

import { useWorkspaceReadOnly } from "@/components/shell/workspace-read-only";
import { useActionState, useEffect, useId, useRef } from "react";
import { revokeApiKeyAction } from "@/lib/actions/keys/revoke-api-key";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = { id: string; name: string; workspaceSlug: string; revoked: boolean };

/**
 * Revoke, after a confirmation in a modal dialog (native <dialog>: focus stays inside, Escape cancels). Stays
 * mounted when the row turns "Revoked", so it can say what happened where the focus was.
 */
export function RevokeApiKeyButton({ id, name, workspaceSlug, revoked }: Props) {
  const [state, action] = useActionState(revokeApiKeyAction, initialFormState);
  const dialog = useRef<HTMLDialogElement>(null);
  const done = useRef<HTMLParagraphElement>(null);
  const titleId = useId();
  const succeeded = state.status === "success";
  const readOnly = useWorkspaceReadOnly();

  useEffect(() => {
    if (!succeeded) return;
    dialog.current?.close();
    done.current?.focus();
  }, [succeeded]);

  if (succeeded) {
    return (
      <p ref={done} tabIndex={-1} role="status" className="text-xs text-muted-foreground outline-none">
        Revoked
      </p>
    );
  }
  if (revoked || readOnly) return null;

  return (
    <>
      <Button type="button" variant="outline" size="sm" onClick={() => dialog.current?.showModal()} aria-label={`Revoke key ${name}`}>
        Revoke
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-border bg-card p-6 text-left text-card-foreground shadow-lg backdrop:bg-black/50"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Revoke “{name}”?
        </h2>
        <p className="mt-2 text-sm text-muted-foreground">
          Every request using this key is refused from now on, on every server. This cannot be undone: make a new key if
          you need one.
        </p>
        {state.status === "error" ? (
          <Alert variant="destructive" className="mt-4">
            {state.message ?? state.fieldErrors?.id?.join(" ")}
          </Alert>
        ) : null}
        <form action={action} className="mt-6 flex justify-end gap-2">
          <input type="hidden" name="workspace" value={workspaceSlug} />
          <input type="hidden" name="id" value={id} />
          <Button type="button" variant="outline" onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </Button>
          <SubmitButton variant="destructive" pendingLabel="Revoking…">
            Revoke key
          </SubmitButton>
        </form>
      </dialog>
    </>
  );
}
