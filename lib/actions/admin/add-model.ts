"use server";

import { revalidatePath } from "next/cache";
import { addModel } from "@/lib/admin/add-model";
import { addModelSchema } from "@/lib/admin/schemas";
import type { FormState } from "../form-state";
import { adminAction } from "./admin-action";

const ECHO = ["id", "displayName", "provider", "perRequest", "perImage", "per1kPrompt", "per1kCompletion", "tokenCeiling", "upstreamName"];

const add = adminAction({ schema: addModelSchema, echo: ECHO }, async (input, { admin }) => {
  await addModel(input, admin.id);
  revalidatePath("/admin/models");
  return { status: "success", message: `Added ${input.id}.` } satisfies FormState;
});

export async function addModelAction(previous: FormState, formData: FormData): Promise<FormState> {
  return add(previous, formData);
}
