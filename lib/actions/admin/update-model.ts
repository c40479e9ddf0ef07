"use server";

import { revalidatePath } from "next/cache";
import { updateModelSchema } from "@/lib/admin/schemas";
import { setModel } from "@/lib/gateway/catalog/set-model";
import type { FormState } from "../form-state";
import { adminAction } from "./admin-action";

const ECHO = ["perRequest", "perImage", "per1kPrompt", "per1kCompletion", "tokenCeiling", "upstreamName"];

// The same function as `model:set`: one statement with its audit row (old and new values) and the NOTIFY that
// reaches every instance's catalog cache. Holds carry the prices they were admitted at, so calls already admitted
// settle at the old price and the new one applies from the next admission.
const update = adminAction({ schema: updateModelSchema, echo: ECHO }, async (input, { admin }) => {
  const { unverifiedModelId, ...changes } = input;
  await setModel({ id: unverifiedModelId, ...changes, actorId: admin.id });
  revalidatePath("/admin/models");
  return { status: "success", message: `Saved ${unverifiedModelId}. New calls use it now.` } satisfies FormState;
});

export async function updateModelAction(previous: FormState, formData: FormData): Promise<FormState> {
  return update(previous, formData);
}
