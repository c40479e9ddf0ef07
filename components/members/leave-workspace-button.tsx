"use client";

import { leaveWorkspaceAction } from "@/lib/actions/members/leave-workspace";
import { ConfirmActionButton } from "./confirm-action-button";

export function LeaveWorkspaceButton({ workspaceSlug, name }: { workspaceSlug: string; name: string }) {
  return (
    <ConfirmActionButton
      action={leaveWorkspaceAction}
      fields={{ workspace: workspaceSlug }}
      trigger="Leave team"
      title={`Leave ${name}?`}
      confirm="Leave"
      pending="Leaving…"
      destructive
      whileReadOnly
    >
      You lose access at once and your API keys for this team stop working. Your images stay in its gallery.
    </ConfirmActionButton>
  );
}
