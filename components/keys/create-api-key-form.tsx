"use client";

import { ReadOnlyFieldset } from "@/components/shell/workspace-read-only";
import { useActionState } from "react";
import { createApiKeyAction, type CreateApiKeyState } from "@/lib/actions/keys/create-api-key";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CreatedKeyNotice } from "./created-key-notice";

type Props = {
  workspaceSlug: string;
  /** The usable models of the catalog, for the allow-list. */
  models: Array<{ id: string; displayName: string }>;
  publicUrl: string;
};

const initialState: CreateApiKeyState = { status: "idle" };

export function CreateApiKeyForm({ workspaceSlug, models, publicUrl }: Props) {
  const [state, action] = useActionState(createApiKeyAction, initialState);
  const values = state.status === "error" ? state.values : undefined;
  const chosen = new Set(values?.models?.split(",").filter(Boolean));
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="grid gap-6">
      <div aria-live="polite" className="empty:hidden">
        {state.created ? (
          <CreatedKeyNotice key={state.created.key} apiKey={state.created.key} name={state.created.name} models={state.created.models} publicUrl={publicUrl} />
        ) : null}
        {state.status === "error" && state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
      </div>
      <form action={action} className="grid gap-4" noValidate>
        <ReadOnlyFieldset>
          <input type="hidden" name="workspace" value={workspaceSlug} />
          <FormField name="name" label="Name" required maxLength={100} placeholder="e.g. CI pipeline" defaultValue={values?.name} errors={state.fieldErrors?.name} />
          <fieldset className="grid gap-2" aria-describedby="models-hint">
            <legend className="text-sm font-medium">Models</legend>
            <p id="models-hint" className="text-xs text-muted-foreground">
              Leave all unticked to allow every model, including ones added later.
            </p>
            <div className="grid gap-2 sm:grid-cols-2">
              {models.map((model) => (
                <label key={model.id} className="flex min-h-6 items-center gap-2 text-sm">
                  <Checkbox name="models" value={model.id} defaultChecked={chosen.has(model.id)} />
                  <span>
                    {model.displayName} <span className="font-mono text-xs text-muted-foreground">{model.id}</span>
                  </span>
                </label>
              ))}
            </div>
            {state.fieldErrors?.models ? <p className="text-xs font-medium text-destructive">{state.fieldErrors.models.join(" ")}</p> : null}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              name="expiresAt"
              label="Expires (optional)"
              type="date"
              min={today}
              hint="The key works through this day (UTC). Empty: never expires."
              defaultValue={values?.expiresAt}
              errors={state.fieldErrors?.expiresAt}
            />
            <FormField
              name="rpm"
              label="Requests per minute (optional)"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              hint="Empty: the server's default limit."
              defaultValue={values?.rpm}
              errors={state.fieldErrors?.rpm}
            />
          </div>
          <div>
            <SubmitButton pendingLabel="Creating key…">Create key</SubmitButton>
          </div>
        </ReadOnlyFieldset>
      </form>
    </div>
  );
}
