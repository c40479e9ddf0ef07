"use server";

import { revalidatePath } from "next/cache";
import { setMemberLimit } from "@/lib/members/set-member-limit";
import { setMemberLimitSchema } from "@/lib/workspaces/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

const set = workspaceAction({ schema: setMemberLimitSchema, permission: "members.manage", echo: ["limit"] }, async (input, { user, workspace }) => {
  await setMemberLimit({ userId: user.id, workspaceId: workspace.id }, input.id, input.limit);
  revalidatePath(`/${workspace.slug}`, "layout");
  return { status: "success", message: input.limit === null ? "Limit removed." : "Limit saved." } satisfies FormState;
});

export async function setMemberLimitAction(previous: FormState, formData: FormData): Promise<FormState> {
  return set(previous, formData);
}
