"use server";

import { revalidatePath } from "next/cache";
import { refundUsageRecord } from "@/lib/admin/refund-usage-record";
import { refundUsageSchema } from "@/lib/admin/schemas";
import type { FormState } from "../form-state";
import { adminAction } from "./admin-action";

const refund = adminAction({ schema: refundUsageSchema, echo: ["note"] }, async (input, { admin }) => {
  const amount = await refundUsageRecord({ usageRecordId: input.unverifiedUsageRecordId, actorId: admin.id, note: input.note });
  revalidatePath("/admin", "layout");
  return { status: "success", message: `Refunded ${amount.toLocaleString("en-US")} credits.` } satisfies FormState;
});

export async function refundUsageAction(previous: FormState, formData: FormData): Promise<FormState> {
  return refund(previous, formData);
}
