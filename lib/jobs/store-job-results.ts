import "server-only";
import { storeImageAsset } from "@/lib/assets/store-image-asset";
import { env } from "@/lib/env";
import type { ImageReference } from "@/lib/gateway/images/image-reference";
import type { DataSpill } from "@/lib/images/create-data-spill";
import { processImage } from "@/lib/images/process-image";
import { readModelOutputImage } from "@/lib/images/read-model-output-image";
import { logger } from "@/lib/log/logger";

/**
 * Turns a job's output references into stored assets: data images from the spill files, URL images fetched
 * through the outbound guard; each validated like an upload, thumbnailed and linked to the job. An image that
 * fails validation is skipped (and logged), not fatal to the others.
 */
export async function storeJobResults(
  job: { id: string; workspaceId: string; userId: string; model: string },
  images: ImageReference[],
  spill: DataSpill,
  signal: AbortSignal,
  /** Archived API results are kept only while they fit the workspace's storage quota (see storeImageAsset). */
  options: { enforceQuota?: boolean } = {},
): Promise<{ assetIds: string[]; rejected: string[] }> {
  const assetIds: string[] = [];
  const rejected: string[] = [];
  for (const ref of images) {
    try {
      const input =
        ref.kind === "data"
          ? { path: await spill.pathFor(ref) }
          : await readModelOutputImage(ref, { allowHosts: env.OUTBOUND_ALLOW_HOSTS, maxBytes: env.UPLOAD_MAX_BYTES * 4, signal });
      const image = await processImage(input, { maxBytes: env.UPLOAD_MAX_BYTES * 4, maxPixels: env.UPLOAD_MAX_PIXELS });
      const asset = await storeImageAsset({ workspaceId: job.workspaceId, createdById: job.userId, kind: "result", image, jobId: job.id, model: job.model, enforceQuota: options.enforceQuota });
      assetIds.push(asset.id);
    } catch (error) {
      logger.warn({ jobId: job.id, err: error instanceof Error ? error.message : String(error) }, "result image rejected");
      rejected.push(error instanceof Error ? error.message : "unreadable image");
    }
  }
  return { assetIds, rejected };
}
