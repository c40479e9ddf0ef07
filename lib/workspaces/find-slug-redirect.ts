import "server-only";
import { db } from "@/lib/db/client";

/**
 * The current slug of the workspace that used to be at `unverifiedSlug`, only for its members: an outsider
 * holding an old link learns nothing about where the workspace went.
 */
export async function findSlugRedirect(caller: { userId: string }, unverifiedSlug: string): Promise<string | null> {
  const row = await db.slugRedirect.findFirst({
    where: {
      slug: unverifiedSlug.toLowerCase(),
      workspace: { deletedAt: null, memberships: { some: { userId: caller.userId } } },
    },
    select: { workspace: { select: { slug: true } } },
  });
  return row?.workspace.slug ?? null;
}
