import { getMemberAsset } from "@/lib/assets/get-member-asset";
import { serveAssetFile } from "@/lib/assets/serve-asset-file";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/workspaces/permissions";
import { fileQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

function error(status: 400 | 401 | 404, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });
}

/** An asset's file (or `?thumb=1` its thumbnail; `?download=1` as an attachment), for members of its workspace. */
export async function GET(request: Request, { params }: { params: Promise<{ assetId: string }> }) {
  const url = new URL(request.url);
  const query = fileQuerySchema.safeParse({
    download: url.searchParams.get("download") ?? undefined,
    thumb: url.searchParams.get("thumb") ?? undefined,
  });
  if (!query.success) return error(400, "invalid_input", "download and thumb take 1 or 0");

  const user = await getCurrentUser();
  if (!user) return error(401, "unauthenticated", "Sign in to see this file");

  // Another workspace's asset, a missing one and a malformed id all answer the same 404.
  const asset = await getMemberAsset({ userId: user.id }, (await params).assetId);
  if (!asset || !can(asset.role, "workspace.view")) return error(404, "not_found", "Not found");

  return serveAssetFile(asset, { ...query.data, ifNoneMatch: request.headers.get("if-none-match") });
}
