"use client";

import { addModelAction } from "@/lib/actions/admin/add-model";
import { FormField } from "@/components/ui/form-field";
import { AdminForm } from "./admin-form";
import { ModelPriceFields } from "./model-price-fields";

export function AddModelForm() {
  return (
    <AdminForm action={addModelAction} hidden={{}} submitLabel="Add model" pendingLabel="Adding…">
      {(state) => (
        <>
          <div className="grid gap-3 sm:grid-cols-3">
            <FormField id="new-id" name="id" label="Model id" required defaultValue={state.values?.id} errors={state.fieldErrors?.id} />
            <FormField id="new-displayName" name="displayName" label="Display name" required defaultValue={state.values?.displayName} errors={state.fieldErrors?.displayName} />
            <div className="grid gap-2">
              <label htmlFor="new-provider" className="text-sm font-medium">Provider</label>
              <select id="new-provider" name="provider" defaultValue={state.values?.provider ?? "upstream"} className="h-9 rounded-md border border-input bg-background px-3 text-sm">
                <option value="upstream">upstream</option>
                <option value="local">local</option>
              </select>
            </div>
          </div>
          <ModelPriceFields prefix="new" state={state} />
        </>
      )}
    </AdminForm>
  );
}
