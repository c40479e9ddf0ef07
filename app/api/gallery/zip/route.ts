import { getCurrentUser } from "@/lib/auth/current-user";
import { listZipAssets, ZIP_MAX_BYTES } from "@/lib/gallery/list-zip-assets";
import { streamAssetsZip } from "@/lib/gallery/stream-assets-zip";
import { readBodyCapped } from "@/lib/http/read-body-capped";
import { contentDisposition } from "@/lib/storage/content-disposition";
import { ZIP_FORM_MAX_BYTES, zipRequestSchema } from "./schema";

export const dynamic = "force-dynamic";

function error(status: 400 | 401 | 404 | 413 | 415, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });
}

/** The form from bytes already read (and capped): parsing never pulls more from the socket. */
async function parseForm(request: Request, body: Uint8Array): Promise<FormData | null> {
  try {
    const headers = { "content-type": request.headers.get("content-type") ?? "" };
    return await new Response(body as Uint8Array<ArrayBuffer>, { headers }).formData();
  } catch {
    return null;
  }
}

/**
 * The originals of the selected images as one ZIP download, for a member of their workspace. The session is
 * checked from the headers before a byte of the body is read, and the body is capped: a stranger can make the
 * server read nothing, and a member at most a selection's worth.
 */
export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (!user) return error(401, "unauthenticated", "Sign in to download images");

  const body = await readBodyCapped(request, ZIP_FORM_MAX_BYTES);
  if (!body) return error(413, "too_large", "The selection form is too large: select at most 200 images");
  const form = await parseForm(request, body);
  if (!form) return error(415, "invalid_input", "Send the selection as a form");
  const parsed = zipRequestSchema.safeParse({ workspace: form.get("workspace"), ids: form.getAll("ids") });
  if (!parsed.success) return error(400, "invalid_input", "Select between 1 and 200 images");

  // Another workspace's images, missing ones and a workspace the caller left all answer the same 404.
  const assets = await listZipAssets({ userId: user.id }, parsed.data.workspace, parsed.data.ids);
  if (!assets) return error(404, "not_found", "Some selected images no longer exist");
  if (assets.reduce((sum, a) => sum + a.bytes, 0) > ZIP_MAX_BYTES) {
    return error(413, "too_large", "The selection is over 2 GiB: download fewer images at once");
  }

  const name = `darkroom-${parsed.data.workspace.toLowerCase()}-${new Date().toISOString().slice(0, 10)}.zip`;
  return new Response(streamAssetsZip(assets), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": contentDisposition("attachment", name),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
