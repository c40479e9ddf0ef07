"use server";

import { revalidatePath } from "next/cache";
import { setPlatformAdminSchema } from "@/lib/admin/schemas";
import { setPlatformAdmin } from "@/lib/admin/set-platform-admin";
import type { FormState } from "../form-state";
import { adminAction } from "./admin-action";

const setAdmin = adminAction({ schema: setPlatformAdminSchema }, async (input, { admin }) => {
  await setPlatformAdmin({ userId: input.unverifiedUserId, admin: input.admin, actorId: admin.id });
  revalidatePath("/admin", "layout");
  return { status: "success", message: input.admin ? "Now a platform admin." : "No longer a platform admin." } satisfies FormState;
});

export async function setPlatformAdminAction(previous: FormState, formData: FormData): Promise<FormState> {
  return setAdmin(previous, formData);
}
