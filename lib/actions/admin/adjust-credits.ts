"use server";

import { revalidatePath } from "next/cache";
import { adjustWorkspaceCredits } from "@/lib/admin/adjust-workspace-credits";
import { adjustCreditsSchema } from "@/lib/admin/schemas";
import type { FormState } from "../form-state";
import { adminAction } from "./admin-action";

const adjust = adminAction({ schema: adjustCreditsSchema, echo: ["amount", "note", "direction"] }, async (input, { admin }) => {
  const balance = await adjustWorkspaceCredits({
    workspaceId: input.unverifiedWorkspaceId,
    direction: input.direction,
    amount: input.amount,
    note: input.note,
    opId: input.opId,
    actorId: admin.id,
  });
  revalidatePath("/admin", "layout");
  const verb = input.direction === "grant" ? "Granted" : "Deducted";
  return { status: "success", message: `${verb} ${input.amount.toLocaleString("en-US")} credits. Balance is now ${balance.toLocaleString("en-US")}.` } satisfies FormState;
});

export async function adjustCreditsAction(previous: FormState, formData: FormData): Promise<FormState> {
  return adjust(previous, formData);
}
