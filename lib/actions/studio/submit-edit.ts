"use server";

import { refresh } from "next/cache";
import type { JobView } from "@/lib/jobs/job-view";
import { submitEditSchema } from "@/lib/jobs/schemas";
import { submitEdit } from "@/lib/jobs/submit-edit";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

export type SubmitEditState = FormState & { job?: JobView };

const submit = workspaceAction(
  { schema: submitEditSchema, permission: "images.create", arrays: ["inputs"], echo: ["prompt", "model", "n"] },
  async (input, { user, workspace }): Promise<SubmitEditState> => {
    const { jobId, credits } = await submitEdit(
      { userId: user.id },
      { unverifiedWorkspaceSlug: workspace.slug, unverifiedAssetIds: input.inputs, model: input.model, prompt: input.prompt, n: input.n },
    );
    // The shell's balance shows the new hold in the same round trip.
    refresh();
    return {
      status: "success",
      message: "Edit submitted.",
      job: {
        id: jobId,
        model: input.model,
        prompt: input.prompt,
        status: "queued",
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        progress: null,
        inputIds: input.inputs,
        outputIds: [],
        heldCredits: credits,
        credits: null,
        error: null,
        resultText: null,
        lastEventId: "0",
        mine: true,
        n: input.n,
      },
    };
  },
);

export async function submitEditAction(previous: SubmitEditState, formData: FormData): Promise<SubmitEditState> {
  return submit(previous, formData);
}
