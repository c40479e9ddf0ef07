import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { changeMemberRoleAction } from "@/lib/actions/members/change-member-role";
import { leaveWorkspaceAction } from "@/lib/actions/members/leave-workspace";
import { removeMemberAction } from "@/lib/actions/members/remove-member";
import { setMemberLimitAction } from "@/lib/actions/members/set-member-limit";
import { transferOwnershipAction } from "@/lib/actions/members/transfer-ownership";
import { uploadImage } from "@/lib/assets/upload-image";
import type { CurrentUser } from "@/lib/auth/current-user";
import { checkLedger } from "@/lib/billing/check-ledger";
import { grantCredits } from "@/lib/billing/grant-credits";
import { db } from "@/lib/db/client";
import { resolveApiKey } from "@/lib/gateway/keys/resolve-api-key";
import { stopEditQueue } from "@/lib/jobs/edit-queue";
import { submitEdit } from "@/lib/jobs/submit-edit";
import { listMembers } from "@/lib/members/list-members";
import { setMemberLimit } from "@/lib/members/set-member-limit";
import { createTeamWorkspace } from "@/lib/workspaces/create-team-workspace";
import { getMemberWorkspace } from "@/lib/workspaces/get-member-workspace";
import { seedApiKey, seedMember } from "../factories/api-keys";
import { seedModel } from "../factories/models";
import { fileOf } from "../factories/studio";
import { seedUser } from "../factories/users";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

afterAll(async () => {
  await stopEditQueue();
});

function signIn(user: { userId: string; email: string }) {
  session.user = { id: user.userId, email: user.email, name: null, role: "user" };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const idle = { status: "idle" as const };

async function seedTeam() {
  const owner = await seedUser();
  const team = await createTeamWorkspace({ userId: owner.userId }, { name: "Crew" });
  const ownerMembership = (await db.membership.findFirstOrThrow({ where: { workspaceId: team.id, userId: owner.userId }, select: { id: true } })).id;
  return { owner, ownerMembership, ...team };
}

const roleOf = async (workspaceId: string, userId: string) =>
  (await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true } }))?.role ?? null;

beforeEach(() => {
  session.user = null;
});

describe("members", () => {
  it("changes roles below owner (admins); demotion to viewer revokes the member's keys at once", async () => {
    const { owner, id, slug, ownerMembership } = await seedTeam();
    const admin = await seedMember(id, "admin");
    const member = await seedMember(id, "member");
    const key = await seedApiKey({ owner: { userId: member.userId, workspaceId: id } });
    expect(await resolveApiKey(key.key)).not.toBeNull();

    signIn(admin);
    expect(await changeMemberRoleAction(idle, form({ workspace: slug, id: member.membershipId, role: "viewer" }))).toMatchObject({ status: "success" });
    expect(await roleOf(id, member.userId)).toBe("viewer");
    expect(await resolveApiKey(key.key)).toBeNull();
    expect(await changeMemberRoleAction(idle, form({ workspace: slug, id: ownerMembership, role: "member" }))).toMatchObject({ status: "error", message: expect.stringMatching(/transferring ownership/) });
    expect(await changeMemberRoleAction(idle, form({ workspace: slug, id: member.membershipId, role: "owner" }))).toMatchObject({ status: "error", fieldErrors: { role: [expect.any(String)] } });
    expect(await roleOf(id, owner.userId)).toBe("owner");
    expect(await db.auditLog.count({ where: { workspaceId: id, action: "member.role_changed" } })).toBe(1);
  });

  it("refuses outsiders, lower roles and forged ids for every member action", async () => {
    const { id, slug, ownerMembership } = await seedTeam();
    const member = await seedMember(id, "member");
    const viewer = await seedMember(id, "viewer");
    const outsider = await seedUser();
    const otherTeam = await seedTeam();
    const elsewhere = await seedMember(otherTeam.id, "member");

    const attempts = (target: string, workspace = slug) => [
      () => changeMemberRoleAction(idle, form({ workspace, id: target, role: "admin" })),
      () => removeMemberAction(idle, form({ workspace, id: target })),
      () => setMemberLimitAction(idle, form({ workspace, id: target, limit: "1" })),
      () => transferOwnershipAction(idle, form({ workspace, id: target })),
    ];
    for (const who of [outsider, member, viewer]) {
      signIn(who);
      for (const attempt of attempts(viewer.membershipId)) expect(await attempt()).toMatchObject({ status: "error" });
    }
    // The other team's owner, through their own slug, naming this team's member.
    signIn(otherTeam.owner);
    for (const attempt of attempts(viewer.membershipId, otherTeam.slug)) expect(await attempt()).toMatchObject({ status: "error", message: expect.stringMatching(/not a member/) });
    // And this team's admin naming the other team's member.
    const admin = await seedMember(id, "admin");
    signIn(admin);
    for (const attempt of attempts(elsewhere.membershipId).slice(0, 3)) expect(await attempt()).toMatchObject({ status: "error", message: expect.stringMatching(/not a member/) });
    expect(await transferOwnershipAction(idle, form({ workspace: slug, id: member.membershipId }))).toMatchObject({ status: "error", message: expect.stringMatching(/role/) });

    expect(await roleOf(id, viewer.userId)).toBe("viewer");
    expect(await roleOf(otherTeam.id, elsewhere.userId)).toBe("member");
    expect((await db.membership.findUniqueOrThrow({ where: { id: viewer.membershipId } })).monthlyLimit).toBeNull();
    expect((await db.membership.findUniqueOrThrow({ where: { id: ownerMembership } })).role).toBe("owner");
    expect(await listMembers({ userId: outsider.userId, workspaceId: id })).toEqual([]);
  });

  it("transfers ownership so there is exactly one owner; the owner can neither leave nor be removed", async () => {
    const { owner, id, slug, ownerMembership } = await seedTeam();
    const admin = await seedMember(id, "admin");
    signIn(admin);
    expect(await removeMemberAction(idle, form({ workspace: slug, id: ownerMembership }))).toMatchObject({ status: "error", message: expect.stringMatching(/owner can't be removed/) });
    signIn(owner);
    expect(await run(leaveWorkspaceAction(idle, form({ workspace: slug })))).toMatchObject({ state: { status: "error", message: expect.stringMatching(/transfer ownership/) } });
    expect(await run(leaveWorkspaceAction(idle, form({ workspace: owner.workspaceSlug })))).toMatchObject({ state: { status: "error" } });

    // Two transfers at once (to two different members) still leave exactly one owner.
    const other = await seedMember(id, "member");
    const results = await Promise.all([
      transferOwnershipAction(idle, form({ workspace: slug, id: admin.membershipId })),
      transferOwnershipAction(idle, form({ workspace: slug, id: other.membershipId })),
    ]);
    expect(results.filter((r) => r.status === "success")).toHaveLength(1);
    expect(await db.membership.count({ where: { workspaceId: id, role: "owner" } })).toBe(1);
    expect(await roleOf(id, owner.userId)).toBe("admin");

    // The former owner may now leave.
    expect(await run(leaveWorkspaceAction(idle, form({ workspace: slug })))).toEqual({ redirectedTo: "/" });
    expect(await getMemberWorkspace({ userId: owner.userId }, slug)).toBeNull();
    expect(await db.membership.count({ where: { workspaceId: id, role: "owner" } })).toBe(1);
  });

  it("removing a member revokes their keys, cancels their queued edits with a refund, and keeps their images attributed", async () => {
    const { owner, id, slug } = await seedTeam();
    await grantCredits({ workspaceId: id, amount: 500, opId: `test:${randomUUID()}` });
    const member = await seedMember(id, "member");
    const key = await seedApiKey({ owner: { userId: member.userId, workspaceId: id } });
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#123456" } }).png().toBuffer();
    const asset = await uploadImage({ workspaceId: id, userId: member.userId, file: fileOf(png, "mine.png", "image/png") });
    const model = await seedModel({ label: "members", provider: "local", perRequest: 40 });
    const { jobId, credits } = await submitEdit({ userId: member.userId }, { unverifiedWorkspaceSlug: slug, unverifiedAssetIds: [asset.id], model, prompt: "sepia" });
    expect(credits).toBeGreaterThan(0);
    expect((await db.workspace.findUniqueOrThrow({ where: { id }, select: { held: true } })).held).toBe(credits);

    signIn(owner);
    expect(await removeMemberAction(idle, form({ workspace: slug, id: member.membershipId }))).toMatchObject({ status: "success" });
    expect(await getMemberWorkspace({ userId: member.userId }, slug)).toBeNull();
    expect(await resolveApiKey(key.key)).toBeNull();
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { revokedAt: true } })).toMatchObject({ revokedAt: expect.any(Date) });
    expect(await db.editJob.findUniqueOrThrow({ where: { id: jobId }, select: { status: true } })).toEqual({ status: "cancelled" });
    expect(await db.workspace.findUniqueOrThrow({ where: { id }, select: { held: true, balance: true } })).toEqual({ held: 0, balance: 500 });
    expect(await db.asset.findUniqueOrThrow({ where: { id: asset.id }, select: { createdById: true } })).toEqual({ createdById: member.userId });
    expect((await checkLedger()).ok).toBe(true);
  });

  it("sets and clears a member's monthly limit, shown with this month's use in the members list", async () => {
    const { owner, id, slug } = await seedTeam();
    const member = await seedMember(id, "member");
    signIn(owner);
    expect(await setMemberLimitAction(idle, form({ workspace: slug, id: member.membershipId, limit: "250" }))).toMatchObject({ status: "success" });
    expect((await listMembers({ userId: member.userId, workspaceId: id })).find((m) => m.userId === member.userId)).toMatchObject({ monthlyLimit: 250, monthUsed: 0, role: "member" });
    expect(await setMemberLimitAction(idle, form({ workspace: slug, id: member.membershipId, limit: "-3" }))).toMatchObject({ status: "error", fieldErrors: { limit: [expect.any(String)] } });
    expect(await setMemberLimitAction(idle, form({ workspace: slug, id: member.membershipId, limit: "" }))).toMatchObject({ status: "success" });
    expect((await db.membership.findUniqueOrThrow({ where: { id: member.membershipId } })).monthlyLimit).toBeNull();
    expect(await db.auditLog.count({ where: { workspaceId: id, action: "member.limit_changed" } })).toBe(2);
  });

  it("an edit over the member's limit is refused naming the limit, while the pool has room", async () => {
    const { owner, id, slug } = await seedTeam();
    await grantCredits({ workspaceId: id, amount: 500, opId: `test:${randomUUID()}` });
    const member = await seedMember(id, "member");
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#654321" } }).png().toBuffer();
    const asset = await uploadImage({ workspaceId: id, userId: member.userId, file: fileOf(png, "in.png", "image/png") });
    const model = await seedModel({ label: "limit", provider: "local", perRequest: 40 });
    await setMemberLimit({ userId: owner.userId, workspaceId: id }, member.membershipId, 10);
    await expect(submitEdit({ userId: member.userId }, { unverifiedWorkspaceSlug: slug, unverifiedAssetIds: [asset.id], model, prompt: "x" })).rejects.toMatchObject({
      message: expect.stringMatching(/monthly credit limit in this workspace is reached \(this edit needs \d+ credits\)/),
    });
    expect(await db.workspace.findUniqueOrThrow({ where: { id }, select: { held: true } })).toEqual({ held: 0 });
  });
});

async function run(action: Promise<unknown>): Promise<{ redirectedTo?: string; state?: unknown }> {
  try {
    return { state: await action };
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirectedTo: digest.split(";")[2] };
    throw error;
  }
}
