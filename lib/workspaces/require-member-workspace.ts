import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { getMemberWorkspace } from "./get-member-workspace";

/**
 * For workspace pages: the signed-in user and the workspace, or sign-in / 404. A workspace the caller
 * doesn't belong to looks exactly like one that doesn't exist. Cached per request (layout + page share it).
 */
export const requireMemberWorkspace = cache(async (unverifiedSlug: string) => {
  const user = await requireUser(`/${unverifiedSlug}`);
  const workspace = await getMemberWorkspace({ userId: user.id }, unverifiedSlug);
  if (!workspace) notFound();
  return { user, workspace };
});
