import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { isSlugTaken } from "./is-slug-taken";
import { slugCandidates } from "./make-slug";

export type CreateTeamInput = { name: string; /** Chosen by the person; absent = made from the name. */ slug?: string };

/**
 * Creates a team workspace with the caller as its one owner, in one transaction with its audit entry. A chosen
 * slug that is taken is refused on the field; a generated one tries fresh candidates. Teams start with no
 * credits: credits are granted (the CLI's credits:grant), never minted by creating workspaces.
 */
export async function createTeamWorkspace(caller: { userId: string }, input: CreateTeamInput): Promise<{ id: string; slug: string }> {
  const candidates = input.slug ? [input.slug] : slugCandidates(input.name);
  for (const slug of candidates) {
    try {
      const created = await db.$transaction(async (tx) => {
        if (await isSlugTaken(tx, slug)) return null;
        const workspace = await tx.workspace.create({
          data: { slug, name: input.name, personal: false, memberships: { create: { userId: caller.userId, role: "owner" } } },
          select: { id: true, slug: true },
        });
        await tx.auditLog.create({
          data: { actorId: caller.userId, workspaceId: workspace.id, action: "workspace.created", target: workspace.id, data: { name: input.name, slug } },
        });
        return workspace;
      });
      if (created) return created;
    } catch (error) {
      if (!isUniqueViolation(error, "slug")) throw error;
    }
    if (input.slug) throw new AppError("conflict", "This address is taken; choose another", { field: "slug" });
  }
  throw new AppError("conflict", "Could not find a free address for this name; choose one", { field: "slug" });
}
