"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { enqueueMaintenanceJob } from "@/lib/health/enqueue-maintenance-job";
import { MAINTENANCE, MAINTENANCE_JOBS } from "@/lib/health/maintenance-jobs";
import type { FormState } from "../form-state";
import { adminAction } from "./admin-action";

const schema = z.object({ job: z.enum(MAINTENANCE_JOBS, { message: "Unknown job" }) });

const run = adminAction({ schema }, async (input, { admin }) => {
  const queued = await enqueueMaintenanceJob(input.job, admin.id);
  revalidatePath("/admin/health");
  const title = MAINTENANCE[input.job].title;
  return {
    status: "success",
    message: queued ? `${title}: queued. Reload the page in a moment for its result.` : `${title}: a run is already waiting.`,
  } satisfies FormState;
});

export async function runMaintenanceJobAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run(previous, formData);
}
