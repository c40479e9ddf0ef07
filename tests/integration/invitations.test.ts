import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { acceptInvitationAction } from "@/lib/actions/invitations/accept-invitation";
import { inviteMemberAction, type InviteMemberState } from "@/lib/actions/invitations/invite-member";
import { revokeInvitationAction } from "@/lib/actions/invitations/revoke-invitation";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { MAX_PENDING_INVITATIONS } from "@/lib/invitations/create-invitation";
import { listPendingInvitations } from "@/lib/invitations/list-pending-invitations";
import { readInvitation } from "@/lib/invitations/read-invitation";
import { createTeamWorkspace } from "@/lib/workspaces/create-team-workspace";
import { getMemberWorkspace } from "@/lib/workspaces/get-member-workspace";
import { seedMember } from "../factories/api-keys";
import { seedUser, uniqueEmail } from "../factories/users";
import { firstLink, startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const mutableEnv = env as { SMTP_URL?: string; NODE_ENV: string };
let smtp: SmtpCatcher;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  mutableEnv.SMTP_URL = smtp.url;
});
afterAll(async () => {
  mutableEnv.SMTP_URL = undefined;
  await smtp.close();
});
beforeEach(() => {
  session.user = null;
  mutableEnv.SMTP_URL = smtp.url;
  mutableEnv.NODE_ENV = "test";
});

function signIn(user: { userId: string; email: string }) {
  session.user = { id: user.userId, email: user.email, name: null, role: "user" };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

async function run(action: Promise<unknown>): Promise<{ redirectedTo?: string; state?: { status: string; message?: string; fieldErrors?: Record<string, string[]> } }> {
  try {
    return { state: (await action) as never };
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirectedTo: digest.split(";")[2] };
    throw error;
  }
}

const idle = { status: "idle" as const };
const tokenOf = (url: string) => url.split("/invite/")[1]!;

async function seedTeam() {
  const owner = await seedUser();
  const team = await createTeamWorkspace({ userId: owner.userId }, { name: "Acme" });
  return { owner, ...team };
}

async function invite(by: { userId: string; email: string }, slug: string, email: string, role = "member") {
  signIn(by);
  return (await inviteMemberAction(idle, form({ workspace: slug, email, role }))) as InviteMemberState;
}

describe("invitations", () => {
  it("emails a single-use link through SMTP; the invited address signs up, accepts and joins with the role", async () => {
    const { owner, slug, id } = await seedTeam();
    const email = uniqueEmail("invitee");
    const state = await invite(owner, slug, email.toUpperCase(), "viewer");
    expect(state).toMatchObject({ status: "success", invitation: { email, mailed: true, mailMode: "smtp" } });
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe("Join Acme on Darkroom");
    const link = firstLink(mail.text);
    expect(link).toBe(state.invitation!.url);
    expect(link.startsWith(`${env.PUBLIC_URL}/invite/`)).toBe(true);
    // Only the hash is stored.
    const row = await db.invitation.findFirstOrThrow({ where: { workspaceId: id, email } });
    expect(row.tokenHash).not.toContain(tokenOf(link));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect(await readInvitation(tokenOf(link))).toMatchObject({ state: "pending", email, role: "viewer", workspaceName: "Acme" });

    const invitee = await seedUser({ email });
    signIn(invitee);
    expect((await run(acceptInvitationAction(idle, form({ token: tokenOf(link) })))).redirectedTo).toBe(`/${slug}`);
    expect((await getMemberWorkspace({ userId: invitee.userId }, slug))?.membership.role).toBe("viewer");
    expect(await readInvitation(tokenOf(link))).toMatchObject({ state: "used" });
    const again = await run(acceptInvitationAction(idle, form({ token: tokenOf(link) })));
    expect(again.state).toMatchObject({ status: "error", message: "This invitation has already been used." });
    expect(await db.auditLog.count({ where: { workspaceId: id, action: { in: ["invitation.created", "member.joined"] } } })).toBe(2);
  });

  it("tells another address, an expired link and a withdrawn link apart, and re-inviting replaces the link", async () => {
    const { owner, slug, id } = await seedTeam();
    const email = uniqueEmail("invitee");
    const first = await invite(owner, slug, email);
    const second = await invite(owner, slug, email, "admin");
    expect(await readInvitation(tokenOf(first.invitation!.url))).toMatchObject({ state: "revoked" });
    expect(await readInvitation(tokenOf(second.invitation!.url))).toMatchObject({ state: "pending", role: "admin" });
    signIn(owner);
    expect((await listPendingInvitations({ userId: owner.userId, workspaceId: id })).map((i) => [i.email, i.role])).toEqual([[email, "admin"]]);

    const stranger = await seedUser();
    signIn(stranger);
    const wrong = await run(acceptInvitationAction(idle, form({ token: tokenOf(second.invitation!.url) })));
    expect(wrong.state?.message).toMatch(new RegExp(`for ${email}, but you are signed in as ${stranger.email}`));
    expect(await getMemberWorkspace({ userId: stranger.userId }, slug)).toBeNull();

    const invitee = await seedUser({ email });
    signIn(invitee);
    const withdrawn = await run(acceptInvitationAction(idle, form({ token: tokenOf(first.invitation!.url) })));
    expect(withdrawn.state?.message).toBe("This invitation was withdrawn. Ask the team for a new one.");
    await db.invitation.updateMany({ where: { workspaceId: id, email, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await readInvitation(tokenOf(second.invitation!.url))).toMatchObject({ state: "expired" });
    const expired = await run(acceptInvitationAction(idle, form({ token: tokenOf(second.invitation!.url) })));
    expect(expired.state?.message).toBe("This invitation has expired. Ask the team for a new one.");
    expect(await getMemberWorkspace({ userId: invitee.userId }, slug)).toBeNull();
    const unknown = await run(acceptInvitationAction(idle, form({ token: "x".repeat(43) })));
    expect(unknown.state?.message).toBe("This invitation link isn't valid.");
  });

  it("revokes from the pending list; outsiders and lower roles can neither invite, list nor revoke (forged slug or id)", async () => {
    const { owner, slug, id } = await seedTeam();
    const member = await seedMember(id, "member");
    const viewer = await seedMember(id, "viewer");
    const admin = await seedMember(id, "admin");
    const outsider = await seedUser();
    const email = uniqueEmail("invitee");
    const created = await invite(admin, slug, email);
    const invitationId = (await db.invitation.findFirstOrThrow({ where: { workspaceId: id, email }, select: { id: true } })).id;

    for (const who of [outsider, member, viewer]) {
      const refused = await invite(who, slug, uniqueEmail("x"));
      expect(refused).toMatchObject({ status: "error", message: expect.stringMatching(/role|no longer a member|doesn't exist/) });
      signIn(who);
      expect(await revokeInvitationAction(idle, form({ workspace: slug, id: invitationId }))).toMatchObject({ status: "error" });
      expect(await listPendingInvitations({ userId: who.userId, workspaceId: id })).toEqual([]);
    }
    // An admin of another team can't reach this team's invitation through their own slug.
    const otherTeam = await seedTeam();
    signIn(otherTeam.owner);
    expect(await revokeInvitationAction(idle, form({ workspace: otherTeam.slug, id: invitationId }))).toMatchObject({ status: "error", message: expect.stringMatching(/not found/) });
    expect(await db.invitation.count({ where: { workspaceId: id, revokedAt: null } })).toBe(1);

    signIn(owner);
    expect(await revokeInvitationAction(idle, form({ workspace: slug, id: invitationId }))).toMatchObject({ status: "success" });
    expect(await readInvitation(tokenOf(created.invitation!.url))).toMatchObject({ state: "revoked" });
    expect(await listPendingInvitations({ userId: owner.userId, workspaceId: id })).toEqual([]);
  });

  it("refuses personal workspaces, owners as a role, and existing members", async () => {
    const { owner, slug, id } = await seedTeam();
    expect(await invite(owner, owner.workspaceSlug, uniqueEmail())).toMatchObject({ status: "error", message: expect.stringMatching(/personal workspace can't be shared/) });
    expect(await invite(owner, slug, uniqueEmail(), "owner")).toMatchObject({ status: "error", fieldErrors: { role: [expect.any(String)] } });
    const member = await seedMember(id, "member");
    expect(await invite(owner, slug, member.email)).toMatchObject({ status: "error", fieldErrors: { email: ["This person is already a member."] } });
  });

  it("shows the link without mail in production without SMTP_URL", async () => {
    mutableEnv.SMTP_URL = undefined;
    mutableEnv.NODE_ENV = "production";
    const { owner, slug } = await seedTeam();
    const email = uniqueEmail("nomail");
    const state = await invite(owner, slug, email);
    expect(state).toMatchObject({ status: "success", invitation: { email, mailed: false, mailMode: "off" } });
    expect(await readInvitation(tokenOf(state.invitation!.url))).toMatchObject({ state: "pending" });
    expect(smtp.mails.some((m) => m.to.includes(email))).toBe(false);
  });
});

describe("invitation bounds", () => {
  it("refuses more than MAX_PENDING_INVITATIONS live invitations per team, and re-inviting a pending address still works", async () => {
    const { owner, slug, id } = await seedTeam();
    mutableEnv.SMTP_URL = undefined;
    const rows = Array.from({ length: MAX_PENDING_INVITATIONS }, (_, i) => ({
      workspaceId: id,
      email: `bulk-${i}-${id}@example.test`,
      role: "member" as const,
      tokenHash: `bulk-${i}-${id}`,
      expiresAt: new Date(Date.now() + 3600_000),
    }));
    await db.invitation.createMany({ data: rows });
    const refused = await invite(owner, slug, uniqueEmail("one-too-many"));
    expect(refused).toMatchObject({ status: "error", message: expect.stringMatching(/100 pending invitations/) });
    // Replacing one of them doesn't add to the count.
    expect(await invite(owner, slug, rows[0]!.email)).toMatchObject({ status: "success" });
    expect(await db.invitation.count({ where: { workspaceId: id, revokedAt: null, acceptedAt: null } })).toBe(MAX_PENDING_INVITATIONS);
  });
});
