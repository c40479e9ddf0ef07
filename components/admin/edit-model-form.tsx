"use client";

import { updateModelAction } from "@/lib/actions/admin/update-model";
import { AdminForm } from "./admin-form";
import { ModelPriceFields } from "./model-price-fields";

type Model = { id: string; perRequest: number; perImage: number; per1kPrompt: number; per1kCompletion: number; tokenCeiling: number; upstreamName: string | null; enabled: boolean };

export function EditModelForm({ model }: { model: Model }) {
  return (
    <AdminForm action={updateModelAction} hidden={{ unverifiedModelId: model.id }} submitLabel={`Save ${model.id}`} pendingLabel="Saving…">
      {(state) => <ModelPriceFields prefix={model.id} state={state} current={model} />}
    </AdminForm>
  );
}
