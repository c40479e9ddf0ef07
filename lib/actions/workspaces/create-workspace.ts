"use server";

import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors/app-error";
import { toFormState } from "@/lib/errors/to-form-state";
import { createTeamWorkspace } from "@/lib/workspaces/create-team-workspace";
import { createWorkspaceSchema } from "@/lib/workspaces/schemas";
import type { FormState } from "../form-state";
import { parseForm } from "../parse-form";

/** Any signed-in person creates a team, becomes its owner, and lands in it. */
export async function createWorkspaceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(createWorkspaceSchema, formData, ["name", "slug"]);
  if (!parsed.ok) return parsed.state;
  const values = { name: parsed.data.name, slug: parsed.data.slug ?? "" };
  let slug: string;
  try {
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
    slug = (await createTeamWorkspace({ userId: user.id }, parsed.data)).slug;
  } catch (error) {
    return toFormState(error, values);
  }
  redirect(`/${slug}`);
}
