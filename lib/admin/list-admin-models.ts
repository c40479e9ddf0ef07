import "server-only";
import { db } from "@/lib/db/client";

/** Every catalog row as stored (not the request path's view), for the admin models page. */
export async function listAdminModels() {
  return db.model.findMany({
    select: { id: true, displayName: true, provider: true, upstreamName: true, enabled: true, perRequest: true, perImage: true, per1kPrompt: true, per1kCompletion: true, tokenCeiling: true, updatedAt: true },
    orderBy: { id: "asc" },
  });
}
