"use client";

import { ReadOnlyFieldset } from "@/components/shell/workspace-read-only";
import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { setMemberLimitAction } from "@/lib/actions/members/set-member-limit";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

export function MemberLimitForm({ workspaceSlug, membershipId, limit, who }: { workspaceSlug: string; membershipId: string; limit: number | null; who: string }) {
  const [state, action] = useActionState(setMemberLimitAction, initialFormState);
  const error = state.fieldErrors?.limit?.join(" ") ?? (state.status === "error" ? state.message : undefined);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <ReadOnlyFieldset>
        <input type="hidden" name="workspace" value={workspaceSlug} />
        <input type="hidden" name="id" value={membershipId} />
        <Input
          name="limit"
          inputMode="numeric"
          placeholder="No limit"
          defaultValue={state.values?.limit ?? (limit === null ? "" : String(limit))}
          aria-label={`Monthly credit limit of ${who}`}
          aria-invalid={error ? true : undefined}
          className="h-8 w-28"
        />
        <SubmitButton variant="outline" size="sm" pendingLabel="Saving…" aria-label={`Save limit of ${who}`}>Set</SubmitButton>
        <span role={error ? "alert" : "status"} className={error ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
          {error ?? (state.status === "success" ? state.message : "")}
        </span>
      </ReadOnlyFieldset>
    </form>
  );
}
