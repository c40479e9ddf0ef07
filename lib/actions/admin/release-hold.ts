"use server";

import { revalidatePath } from "next/cache";
import { releaseStuckHold } from "@/lib/admin/release-stuck-hold";
import { releaseHoldSchema } from "@/lib/admin/schemas";
import type { FormState } from "../form-state";
import { adminAction } from "./admin-action";

const releaseHold = adminAction({ schema: releaseHoldSchema, echo: ["note"] }, async (input, { admin }) => {
  await releaseStuckHold({ holdId: input.unverifiedHoldId, actorId: admin.id, note: input.note });
  revalidatePath("/admin", "layout");
  return { status: "success", message: "Hold released; nothing was charged for it." } satisfies FormState;
});

export async function releaseHoldAction(previous: FormState, formData: FormData): Promise<FormState> {
  return releaseHold(previous, formData);
}
