"use client";

import { ReadOnlyFieldset } from "@/components/shell/workspace-read-only";
import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { changeWorkspaceSlugAction } from "@/lib/actions/workspaces/change-workspace-slug";
import { renameWorkspaceAction } from "@/lib/actions/workspaces/rename-workspace";
import { Alert } from "@/components/ui/alert";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

/** Name and address of a workspace, each its own form (a slug change moves the page, a rename doesn't). */
export function WorkspaceGeneralForm({ slug, name, origin }: { slug: string; name: string; origin: string }) {
  const [renameState, rename] = useActionState(renameWorkspaceAction, initialFormState);
  const [slugState, changeSlug] = useActionState(changeWorkspaceSlugAction, initialFormState);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <form action={rename} className="grid content-start gap-3" noValidate>
        <ReadOnlyFieldset>
          <input type="hidden" name="workspace" value={slug} />
          <FormField name="name" label="Name" required maxLength={80} defaultValue={renameState.values?.name ?? name} errors={renameState.fieldErrors?.name} />
          <div aria-live="polite" className="empty:hidden">
            {renameState.message ? <Alert variant={renameState.status === "success" ? "success" : "destructive"}>{renameState.message}</Alert> : null}
          </div>
          <SubmitButton variant="outline" className="justify-self-start" pendingLabel="Saving…">Save name</SubmitButton>
        </ReadOnlyFieldset>
      </form>
      <form action={changeSlug} className="grid content-start gap-3" noValidate>
        <ReadOnlyFieldset>
          <input type="hidden" name="workspace" value={slug} />
          <FormField
            name="slug"
            label="Address"
            required
            maxLength={40}
            autoCapitalize="none"
            spellCheck={false}
            hint={`${origin}/${slug}. Old links keep working for members.`}
            defaultValue={slugState.values?.slug ?? slug}
            errors={slugState.fieldErrors?.slug}
          />
          {slugState.message ? <Alert variant="destructive">{slugState.message}</Alert> : null}
          <SubmitButton variant="outline" className="justify-self-start" pendingLabel="Changing…">Change address</SubmitButton>
        </ReadOnlyFieldset>
      </form>
    </div>
  );
}
