import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { findSlugRedirect } from "./find-slug-redirect";
import { getMemberWorkspace } from "./get-member-workspace";

// Set by proxy.ts (kept here as a literal: importing the proxy module into pages would pull in its config).
const PATH_HEADER = "x-darkroom-path";

/** The same page under the workspace's new slug (the proxy tells us the path; otherwise its home). */
async function movedPath(oldSlug: string, newSlug: string): Promise<string> {
  const path = (await headers()).get(PATH_HEADER) ?? "";
  const prefix = `/${oldSlug}`;
  const rest = path.toLowerCase().startsWith(prefix.toLowerCase()) ? path.slice(prefix.length) : "";
  return /^(?:[/?]|$)/.test(rest) && !rest.startsWith("//") ? `/${newSlug}${rest}` : `/${newSlug}`;
}

/**
 * For workspace pages: the signed-in user and the workspace, or sign-in / 404. A workspace the caller
 * doesn't belong to looks exactly like one that doesn't exist; a former slug of one they belong to redirects.
 * Cached per request (layout + page share it).
 */
export const requireMemberWorkspace = cache(async (unverifiedSlug: string) => {
  const user = await requireUser(`/${unverifiedSlug}`);
  const workspace = await getMemberWorkspace({ userId: user.id }, unverifiedSlug);
  if (!workspace) {
    const moved = await findSlugRedirect({ userId: user.id }, unverifiedSlug);
    if (moved) redirect(await movedPath(unverifiedSlug, moved));
    notFound();
  }
  return { user, workspace };
});
