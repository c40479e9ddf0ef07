"use client";

import { setWorkspaceSuspendedAction } from "@/lib/actions/admin/set-workspace-suspended";
import { FormField } from "@/components/ui/form-field";
import { AdminForm } from "./admin-form";

/** Suspend with a reason its members will read, or resume. */
export function SuspendWorkspaceForm({ workspaceId, suspended }: { workspaceId: string; suspended: boolean }) {
  return (
    <AdminForm
      action={setWorkspaceSuspendedAction}
      hidden={{ unverifiedWorkspaceId: workspaceId, suspended: String(!suspended) }}
      submitLabel={suspended ? "Resume workspace" : "Suspend workspace"}
      pendingLabel="Saving…"
      destructive={!suspended}
    >
      {(state) =>
        suspended ? null : (
          <FormField name="reason" label="Reason (shown to its members)" required maxLength={500} defaultValue={state.values?.reason} errors={state.fieldErrors?.reason} />
        )
      }
    </AdminForm>
  );
}
