import { getCurrentUser } from "@/lib/auth/current-user";
import { listGalleryAssets } from "@/lib/gallery/list-gallery-assets";
import { galleryPageQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

function error(status: 400 | 401, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });
}

/** The next page of the gallery ("Load more"): `{ items, nextCursor }`, newest first, for a member only. */
export async function GET(request: Request) {
  const query = galleryPageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return error(400, "invalid_input", "workspace is required; cursor must come from a previous page");
  const user = await getCurrentUser();
  if (!user) return error(401, "unauthenticated", "Sign in to see this gallery");
  const { workspace, ...options } = query.data;
  // Not a member: the membership in the query's where makes it an empty gallery, like a missing workspace.
  const page = await listGalleryAssets({ userId: user.id }, workspace, options);
  return Response.json(page, { headers: { "cache-control": "private, no-store" } });
}
