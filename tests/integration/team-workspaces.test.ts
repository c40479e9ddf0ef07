import { beforeEach, describe, expect, it, vi } from "vitest";
import { changeWorkspaceSlugAction } from "@/lib/actions/workspaces/change-workspace-slug";
import { createWorkspaceAction } from "@/lib/actions/workspaces/create-workspace";
import { deleteWorkspaceAction } from "@/lib/actions/workspaces/delete-workspace";
import { renameWorkspaceAction } from "@/lib/actions/workspaces/rename-workspace";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { resolveApiKey } from "@/lib/gateway/keys/resolve-api-key";
import { findSlugRedirect } from "@/lib/workspaces/find-slug-redirect";
import { getMemberWorkspace } from "@/lib/workspaces/get-member-workspace";
import { listMemberWorkspaces } from "@/lib/workspaces/list-member-workspaces";
import { purgeDeletedWorkspaces } from "@/lib/workspaces/purge-deleted-workspaces";
import { getStorage } from "@/lib/storage/get-storage";
import { seedApiKey, seedMember } from "../factories/api-keys";
import { seedAsset } from "../factories/assets";
import { seedUser } from "../factories/users";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

function signIn(user: { userId: string; email: string }) {
  session.user = { id: user.userId, email: user.email, name: null, role: "user" };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/** Runs an action that may end in Next's redirect(); returns where it redirected, or its state. */
async function run(action: Promise<unknown>): Promise<{ redirectedTo?: string; state?: unknown }> {
  try {
    return { state: await action };
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirectedTo: digest.split(";")[2] };
    throw error;
  }
}

const idle = { status: "idle" as const };
const unique = () => `t${Math.random().toString(36).slice(2, 10)}`;

async function seedTeam(owner: { userId: string; email: string }, slug = unique()) {
  signIn(owner);
  const result = await run(createWorkspaceAction(idle, form({ name: `Team ${slug}`, slug })));
  expect(result.redirectedTo).toBe(`/${slug}`);
  const workspace = (await getMemberWorkspace({ userId: owner.userId }, slug))!;
  return { slug, workspaceId: workspace.id };
}

beforeEach(() => {
  session.user = null;
});

describe("team workspaces", () => {
  it("creates a team owned by its creator, listed with the role; slugs are unique and not reserved", async () => {
    const owner = await seedUser();
    const team = await seedTeam(owner);
    const listed = await listMemberWorkspaces({ userId: owner.userId });
    expect(listed.map((w) => [w.slug, w.role, w.personal])).toContainEqual([team.slug, "owner", false]);
    expect(await db.workspace.findUniqueOrThrow({ where: { id: team.workspaceId }, select: { balance: true } })).toEqual({ balance: 0 });

    const other = await seedUser();
    signIn(other);
    const taken = await run(createWorkspaceAction(idle, form({ name: "Copycat", slug: team.slug })));
    expect(taken.state).toMatchObject({ status: "error", fieldErrors: { slug: [expect.stringMatching(/taken/)] } });
    const reserved = await run(createWorkspaceAction(idle, form({ name: "Sneaky", slug: "settings" })));
    expect(reserved.state).toMatchObject({ status: "error", fieldErrors: { slug: [expect.stringMatching(/reserved/)] } });
    const generated = await run(createWorkspaceAction(idle, form({ name: "Marketing Crew", slug: "" })));
    expect(generated.redirectedTo).toMatch(/^\/marketing-crew/);
    session.user = null;
    expect((await run(createWorkspaceAction(idle, form({ name: "Nobody" })))).state).toMatchObject({ status: "error", message: expect.stringMatching(/Sign in/) });
  });

  it("renames and changes the slug (admins), old links redirect members only, and the old slug stays taken", async () => {
    const owner = await seedUser();
    const team = await seedTeam(owner);
    const admin = await seedMember(team.workspaceId, "admin");
    const member = await seedMember(team.workspaceId, "member");
    const outsider = await seedUser();

    for (const [who, message] of [[outsider, /no longer a member|doesn't exist/], [member, /role/]] as const) {
      signIn(who);
      expect(await renameWorkspaceAction(idle, form({ workspace: team.slug, name: "Hijacked" }))).toMatchObject({ status: "error", message: expect.stringMatching(message) });
      expect((await run(changeWorkspaceSlugAction(idle, form({ workspace: team.slug, slug: unique() })))).state).toMatchObject({ status: "error", message: expect.stringMatching(message) });
    }
    signIn(admin);
    expect(await renameWorkspaceAction(idle, form({ workspace: team.slug, name: "Renamed team" }))).toMatchObject({ status: "success" });
    const next = unique();
    expect((await run(changeWorkspaceSlugAction(idle, form({ workspace: team.slug, slug: next })))).redirectedTo).toBe(`/${next}/settings`);
    expect(await db.workspace.findUniqueOrThrow({ where: { id: team.workspaceId }, select: { name: true, slug: true } })).toEqual({ name: "Renamed team", slug: next });

    expect(await findSlugRedirect({ userId: member.userId }, team.slug)).toBe(next);
    expect(await findSlugRedirect({ userId: outsider.userId }, team.slug)).toBeNull();
    signIn(outsider);
    const squat = await run(createWorkspaceAction(idle, form({ name: "Squatter", slug: team.slug })));
    expect(squat.state).toMatchObject({ fieldErrors: { slug: [expect.stringMatching(/taken/)] } });
    // The team itself may go back to its former address.
    signIn(owner);
    expect((await run(changeWorkspaceSlugAction(idle, form({ workspace: next, slug: team.slug })))).redirectedTo).toBe(`/${team.slug}/settings`);
    expect(await findSlugRedirect({ userId: owner.userId }, next)).toBe(team.slug);
    expect(await db.auditLog.count({ where: { workspaceId: team.workspaceId, action: { in: ["workspace.renamed", "workspace.slug_changed"] } } })).toBe(3);
  });

  it("lets only the owner delete a team, with typed confirmation; access ends at once and a job removes the images", async () => {
    const owner = await seedUser();
    const team = await seedTeam(owner);
    const admin = await seedMember(team.workspaceId, "admin");
    const key = await seedApiKey({ owner: { userId: admin.userId, workspaceId: team.workspaceId } });
    const asset = await seedAsset(team.workspaceId, { storage: getStorage() });
    const outsider = await seedUser();

    for (const who of [outsider, admin]) {
      signIn(who);
      expect((await run(deleteWorkspaceAction(idle, form({ workspace: team.slug, confirmation: team.slug })))).state).toMatchObject({ status: "error" });
    }
    signIn(owner);
    const wrong = await run(deleteWorkspaceAction(idle, form({ workspace: team.slug, confirmation: "nope" })));
    expect(wrong.state).toMatchObject({ fieldErrors: { confirmation: [`Type ${team.slug} to confirm.`] } });
    expect(await getMemberWorkspace({ userId: admin.userId }, team.slug)).not.toBeNull();
    const personal = await run(deleteWorkspaceAction(idle, form({ workspace: owner.workspaceSlug, confirmation: owner.workspaceSlug })));
    expect(personal.state).toMatchObject({ status: "error", message: expect.stringMatching(/personal/) });

    expect((await run(deleteWorkspaceAction(idle, form({ workspace: team.slug, confirmation: team.slug })))).redirectedTo).toBe("/");
    expect(await getMemberWorkspace({ userId: owner.userId }, team.slug)).toBeNull();
    expect(await getMemberWorkspace({ userId: admin.userId }, team.slug)).toBeNull();
    expect(await resolveApiKey(key.key)).toBeNull();
    expect((await listMemberWorkspaces({ userId: owner.userId })).some((w) => w.id === team.workspaceId)).toBe(false);
    expect(await db.asset.count({ where: { id: asset.id } })).toBe(1);

    while ((await purgeDeletedWorkspaces()) > 0);
    expect(await db.asset.count({ where: { workspaceId: team.workspaceId } })).toBe(0);
    expect(await getStorage().head(asset.storageKey)).toBeNull();
    // The slug is free again.
    signIn(outsider);
    expect((await run(createWorkspaceAction(idle, form({ name: "Reborn", slug: team.slug })))).redirectedTo).toBe(`/${team.slug}`);
  });
});
