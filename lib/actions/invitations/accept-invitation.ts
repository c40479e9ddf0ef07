"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors/app-error";
import { toFormState } from "@/lib/errors/to-form-state";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import type { FormState } from "../form-state";
import { parseForm } from "../parse-form";

const schema = z.object({ token: z.string().min(1).max(100) });

/** The signed-in person joins the team of the invitation, if it is theirs and still pending, and lands in it. */
export async function acceptInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return parsed.state;
  let slug: string;
  try {
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
    slug = (await acceptInvitation({ userId: user.id, email: user.email }, parsed.data.token)).slug;
  } catch (error) {
    return toFormState(error);
  }
  redirect(`/${slug}`);
}
