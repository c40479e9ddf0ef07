"use client";

import { ReadOnlyFieldset } from "@/components/shell/workspace-read-only";
import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { deleteWorkspaceAction } from "@/lib/actions/workspaces/delete-workspace";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function DeleteWorkspaceForm({ slug }: { slug: string }) {
  const [state, action] = useActionState(deleteWorkspaceAction, initialFormState);
  return (
    <form action={action} className="grid gap-3" noValidate>
      <ReadOnlyFieldset>
        <input type="hidden" name="workspace" value={slug} />
        <p className="text-sm text-muted-foreground">
          Everyone loses access at once, API keys stop working, queued edits are cancelled and refunded, and the team&apos;s images
          are then removed for good. This can&apos;t be undone.
        </p>
        <FormField
          name="confirmation"
          label={`Type ${slug} to confirm`}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          errors={state.fieldErrors?.confirmation}
        />
        {state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
        <SubmitButton variant="destructive" className="justify-self-start" pendingLabel="Deleting…">
          Delete this team
        </SubmitButton>
      </ReadOnlyFieldset>
    </form>
  );
}
