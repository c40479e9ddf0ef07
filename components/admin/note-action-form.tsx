"use client";

import type { FormState } from "@/lib/actions/form-state";
import { FormField } from "@/components/ui/form-field";
import { AdminForm } from "./admin-form";

type Props = {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  /** Unique on the page: the note field's id. */
  id: string;
  submitLabel: string;
  pendingLabel: string;
};

/** A one-row admin action that needs a reason (release a hold, refund a record). */
export function NoteActionForm({ action, hidden, id, submitLabel, pendingLabel }: Props) {
  return (
    <AdminForm action={action} hidden={hidden} submitLabel={submitLabel} pendingLabel={pendingLabel} destructive className="min-w-56">
      {(state) => <FormField id={`note-${id}`} name="note" label="Note (required)" required maxLength={500} defaultValue={state.values?.note} errors={state.fieldErrors?.note} />}
    </AdminForm>
  );
}
