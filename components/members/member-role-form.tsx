"use client";

import { ReadOnlyFieldset } from "@/components/shell/workspace-read-only";
import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { changeMemberRoleAction } from "@/lib/actions/members/change-member-role";
import { NativeSelect } from "@/components/ui/native-select";
import { SubmitButton } from "@/components/ui/submit-button";

export function MemberRoleForm({ workspaceSlug, membershipId, role, who }: { workspaceSlug: string; membershipId: string; role: string; who: string }) {
  const [state, action] = useActionState(changeMemberRoleAction, initialFormState);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <ReadOnlyFieldset>
        <input type="hidden" name="workspace" value={workspaceSlug} />
        <input type="hidden" name="id" value={membershipId} />
        <NativeSelect name="role" defaultValue={role} aria-label={`Role of ${who}`} className="h-8 w-28">
          <option value="admin">Admin</option>
          <option value="member">Member</option>
          <option value="viewer">Viewer</option>
        </NativeSelect>
        <SubmitButton variant="outline" size="sm" pendingLabel="Saving…" aria-label={`Save role of ${who}`}>Save</SubmitButton>
        <span role={state.status === "error" ? "alert" : "status"} className={state.status === "error" ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
          {state.status === "idle" ? "" : (state.message ?? Object.values(state.fieldErrors ?? {}).flat().join(" "))}
        </span>
      </ReadOnlyFieldset>
    </form>
  );
}
