"use client";

import { adjustCreditsAction } from "@/lib/actions/admin/adjust-credits";
import { FormField } from "@/components/ui/form-field";
import { AdminForm } from "./admin-form";

/** Grant or deduct credits with a required note. `opId` comes from the page render, so a resubmit applies once. */
export function AdjustCreditsForm({ workspaceId, opId }: { workspaceId: string; opId: string }) {
  return (
    <AdminForm action={adjustCreditsAction} hidden={{ unverifiedWorkspaceId: workspaceId, opId }} submitLabel="Apply" pendingLabel="Applying…">
      {(state) => (
        <>
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="mb-2 text-sm font-medium">Direction</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="direction" value="grant" defaultChecked={state.values?.direction !== "deduct"} /> Grant
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="direction" value="deduct" defaultChecked={state.values?.direction === "deduct"} /> Deduct
            </label>
          </fieldset>
          <FormField
            name="amount"
            label="Credits"
            inputMode="numeric"
            required
            hint="A whole number from 1 to 2,147,483,647. A deduction must leave the held credits covered."
            defaultValue={state.values?.amount}
            errors={state.fieldErrors?.amount}
          />
          <FormField name="note" label="Note (required)" required maxLength={500} placeholder="Why, for the ledger and the audit log" defaultValue={state.values?.note} errors={state.fieldErrors?.note} />
        </>
      )}
    </AdminForm>
  );
}
