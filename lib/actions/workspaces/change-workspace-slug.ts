"use server";

import { redirect } from "next/navigation";
import { changeWorkspaceSlug } from "@/lib/workspaces/change-workspace-slug";
import { changeWorkspaceSlugSchema } from "@/lib/workspaces/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

const change = workspaceAction({ schema: changeWorkspaceSlugSchema, permission: "workspace.edit", echo: ["slug"] }, async (input, { user, workspace }) => {
  const { slug } = await changeWorkspaceSlug({ userId: user.id, workspaceId: workspace.id }, input.slug);
  // Thrown redirects pass through workspaceAction's error mapping untouched.
  redirect(`/${slug}/settings`);
});

export async function changeWorkspaceSlugAction(previous: FormState, formData: FormData): Promise<FormState> {
  return change(previous, formData);
}
