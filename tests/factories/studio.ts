import { db } from "@/lib/db/client";
import { publishJobEvent } from "@/lib/jobs/publish-job-event";

/** A file as the browser sends it in a server action's FormData. */
export function fileOf(bytes: Buffer | string, name: string, type = "application/octet-stream"): File {
  return new File([typeof bytes === "string" ? Buffer.from(bytes) : new Uint8Array(bytes)], name, { type });
}

/**
 * A studio edit job as submitEdit leaves it (queued, with its inputs and a "queued" event), without admission
 * or the queue: for tests of what the studio lists and cancels. No hold: cancelling it releases nothing.
 */
export async function seedEditJob(owner: { userId: string; workspaceId: string }, inputIds: string[], prompt = "make it grayscale") {
  const membership = await db.membership.findUniqueOrThrow({
    where: { workspaceId_userId: { workspaceId: owner.workspaceId, userId: owner.userId } },
    select: { id: true },
  });
  const job = await db.editJob.create({
    data: {
      workspaceId: owner.workspaceId,
      membershipId: membership.id,
      userId: owner.userId,
      model: "darkroom-local",
      prompt,
      requestId: `job_test_${crypto.randomUUID()}`,
      inputs: { create: inputIds.map((assetId, position) => ({ assetId, position })) },
    },
    select: { id: true },
  });
  await publishJobEvent(job.id, "queued", { credits: 1 });
  return job.id;
}
