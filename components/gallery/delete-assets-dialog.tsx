"use client";

import { READ_ONLY_NOTE, useWorkspaceReadOnly } from "@/components/shell/workspace-read-only";
import { Trash2 } from "lucide-react";
import { useActionState, useEffect, useId, useRef } from "react";
import { deleteAssetsAction, type DeleteAssetsState } from "@/lib/actions/gallery/delete-assets";
import { initialFormState } from "@/lib/actions/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = {
  workspaceSlug: string;
  ids: string[];
  /** Set when the viewer may not delete the selection: the button explains instead of opening. */
  blockedReason: string | null;
  onDeleted: (ids: string[]) => void;
  label?: string;
  /** How the opening button looks: a solid red button in the selection bar, a quieter one beside other actions. */
  variant?: "destructive" | "outline";
};

/**
 * Delete, after a confirmation in a modal dialog (native <dialog>: focus stays inside, Escape cancels). The
 * server deletes all or none and says why when it refuses.
 */
export function DeleteAssetsDialog({ workspaceSlug, ids, blockedReason: blockedByCaller, onDeleted, label = "Delete", variant = "destructive" }: Props) {
  const blockedReason = useWorkspaceReadOnly() ? READ_ONLY_NOTE : blockedByCaller;
  const [state, action] = useActionState<DeleteAssetsState, FormData>(deleteAssetsAction, initialFormState);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const handled = useRef<DeleteAssetsState | null>(null);
  const count = ids.length;

  useEffect(() => {
    if (state.status !== "success" || handled.current === state) return;
    handled.current = state;
    dialog.current?.close();
    onDeleted(state.deletedIds ?? []);
  }, [state, onDeleted]);

  return (
    <>
      <Button
        type="button"
        variant={variant}
        size="sm"
        className={variant === "outline" ? "h-9 px-4 text-sm text-red-700 dark:text-red-300" : undefined}
        disabled={count === 0}
        aria-describedby={blockedReason ? reasonId : undefined}
        onClick={() => (blockedReason ? null : dialog.current?.showModal())}
        aria-disabled={Boolean(blockedReason) || undefined}
      >
        <Trash2 aria-hidden /> {label}
      </Button>
      {blockedReason ? (
        <p id={reasonId} className="basis-full text-xs text-destructive">
          {blockedReason}
        </p>
      ) : null}
      {state.status === "success" && state.message ? (
        <p role="status" className="sr-only">
          {state.message}
        </p>
      ) : null}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-border bg-card p-6 text-left text-card-foreground shadow-lg backdrop:bg-black/50"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Delete {count === 1 ? "this image" : `${count} images`}?
        </h2>
        <p className="mt-2 text-sm text-muted-foreground">
          The original{count === 1 ? "" : "s"} and thumbnail{count === 1 ? "" : "s"} are removed from storage. Edits made from{" "}
          {count === 1 ? "it" : "them"} stay in the gallery and show a deleted input. This cannot be undone.
        </p>
        {state.status === "error" ? (
          <Alert variant="destructive" className="mt-4">
            {state.message ?? Object.values(state.fieldErrors ?? {}).flat().join(" ")}
          </Alert>
        ) : null}
        <form action={action} className="mt-6 flex justify-end gap-2">
          <input type="hidden" name="workspace" value={workspaceSlug} />
          {ids.map((id) => (
            <input key={id} type="hidden" name="ids" value={id} />
          ))}
          <Button type="button" variant="outline" onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </Button>
          <SubmitButton variant="destructive" pendingLabel="Deleting…">
            Delete {count === 1 ? "image" : `${count} images`}
          </SubmitButton>
        </form>
      </dialog>
    </>
  );
}
