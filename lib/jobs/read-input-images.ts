import "server-only";
import { db } from "@/lib/db/client";
import { getStorage } from "@/lib/storage/get-storage";

async function readAll(stream: AsyncIterable<Buffer | Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * The job's input images as URLs a provider can read, in order: presigned URLs when storage is reachable from
 * the internet, otherwise data: URLs (a provider cannot fetch Darkroom's local files).
 */
export async function readInputImageUrls(jobId: string, workspaceId: string): Promise<string[]> {
  const inputs = await db.jobInput.findMany({ where: { jobId }, orderBy: { position: "asc" }, select: { assetId: true } });
  const assets = await db.asset.findMany({
    where: { id: { in: inputs.map((i) => i.assetId) }, workspaceId },
    select: { id: true, storageKey: true, mime: true },
  });
  const storage = getStorage();
  return Promise.all(
    inputs.map(async ({ assetId }) => {
      const asset = assets.find((a) => a.id === assetId);
      if (!asset) throw new Error("An input image of this edit was deleted.");
      if (storage.publicReadUrls) {
        const url = await storage.signedReadUrl(asset.storageKey, { expiresInSeconds: 3600 });
        if (url) return url;
      }
      const { stream } = await storage.getStream(asset.storageKey);
      return `data:${asset.mime};base64,${(await readAll(stream)).toString("base64")}`;
    }),
  );
}
