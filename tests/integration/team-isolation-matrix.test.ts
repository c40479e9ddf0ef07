// Every team doorway this code adds × every role, generated from one table: a role the permission table allows
// changes the team; any other (and an outsider, with the team's slug or with its own slug and this team's ids)
// gets an error and changes nothing. Adding a doorway means adding a row here.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/lib/actions/form-state";
import { inviteMemberAction } from "@/lib/actions/invitations/invite-member";
import { revokeInvitationAction } from "@/lib/actions/invitations/revoke-invitation";
import { changeMemberRoleAction } from "@/lib/actions/members/change-member-role";
import { removeMemberAction } from "@/lib/actions/members/remove-member";
import { setMemberLimitAction } from "@/lib/actions/members/set-member-limit";
import { transferOwnershipAction } from "@/lib/actions/members/transfer-ownership";
import { changeWorkspaceSlugAction } from "@/lib/actions/workspaces/change-workspace-slug";
import { deleteWorkspaceAction } from "@/lib/actions/workspaces/delete-workspace";
import { renameWorkspaceAction } from "@/lib/actions/workspaces/rename-workspace";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { listPendingInvitations } from "@/lib/invitations/list-pending-invitations";
import { listMembers } from "@/lib/members/list-members";
import { createTeamWorkspace } from "@/lib/workspaces/create-team-workspace";
import { can, type Permission } from "@/lib/workspaces/permissions";
import { seedMember } from "../factories/api-keys";
import { seedUser, uniqueEmail } from "../factories/users";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

type Person = { userId: string; email: string };
type Role = "owner" | "admin" | "member" | "viewer";
type Actor = Role | "outsider" | "outsider with forged ids";

async function seedScene() {
  const owner = await seedUser();
  const team = await createTeamWorkspace({ userId: owner.userId }, { name: "Matrix" });
  const [admin, member, viewer, subject] = await Promise.all([
    seedMember(team.id, "admin"),
    seedMember(team.id, "member"),
    seedMember(team.id, "viewer"),
    seedMember(team.id, "member"),
  ]);
  const invitation = await createInvitation({ userId: owner.userId, workspaceId: team.id }, { email: uniqueEmail("pending"), role: "member" });
  const outsider = await seedUser();
  const outsiderTeam = await createTeamWorkspace({ userId: outsider.userId }, { name: "Outside" });
  const people: Record<Actor, Person> = { owner, admin, member, viewer, outsider, "outsider with forged ids": outsider };
  return { team, subject, invitation, people, outsiderSlug: outsiderTeam.slug };
}
type Scene = Awaited<ReturnType<typeof seedScene>>;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

async function settle(action: Promise<FormState>): Promise<"ok" | "refused"> {
  try {
    return (await action).status === "success" ? "ok" : "refused";
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return "ok";
    throw error;
  }
}

type Doorway = {
  name: string;
  permission: Permission;
  /** Whether a forged-id variant exists (the doorway names a member or an invitation). */
  names: boolean;
  run(scene: Scene, slug: string): Promise<FormState>;
  changed(scene: Scene): Promise<boolean>;
};

const idle = { status: "idle" as const };
const roleOf = async (id: string) => (await db.membership.findUnique({ where: { id }, select: { role: true } }))?.role;

const DOORWAYS: Doorway[] = [
  {
    name: "rename the team",
    permission: "workspace.edit",
    names: false,
    run: (_s, slug) => renameWorkspaceAction(idle, form({ workspace: slug, name: "Renamed" })),
    changed: async (s) => (await db.workspace.findUniqueOrThrow({ where: { id: s.team.id } })).name === "Renamed",
  },
  {
    name: "change the team's address",
    permission: "workspace.edit",
    names: false,
    run: (s, slug) => changeWorkspaceSlugAction(idle, form({ workspace: slug, slug: `${s.team.slug}-moved` })),
    changed: async (s) => (await db.workspace.findUniqueOrThrow({ where: { id: s.team.id } })).slug !== s.team.slug,
  },
  {
    name: "delete the team",
    permission: "workspace.delete",
    names: false,
    run: (s, slug) => deleteWorkspaceAction(idle, form({ workspace: slug, confirmation: s.team.slug })),
    changed: async (s) => (await db.workspace.findUniqueOrThrow({ where: { id: s.team.id } })).deletedAt !== null,
  },
  {
    name: "invite someone",
    permission: "members.manage",
    names: false,
    run: (_s, slug) => inviteMemberAction(idle, form({ workspace: slug, email: uniqueEmail("matrix"), role: "member" })),
    changed: async (s) => (await db.invitation.count({ where: { workspaceId: s.team.id } })) > 1,
  },
  {
    name: "withdraw an invitation",
    permission: "members.manage",
    names: true,
    run: (s, slug) => revokeInvitationAction(idle, form({ workspace: slug, id: s.invitation.id })),
    changed: async (s) => (await db.invitation.findUniqueOrThrow({ where: { id: s.invitation.id } })).revokedAt !== null,
  },
  {
    name: "change a member's role",
    permission: "members.manage",
    names: true,
    run: (s, slug) => changeMemberRoleAction(idle, form({ workspace: slug, id: s.subject.membershipId, role: "viewer" })),
    changed: async (s) => (await roleOf(s.subject.membershipId)) === "viewer",
  },
  {
    name: "set a member's limit",
    permission: "members.manage",
    names: true,
    run: (s, slug) => setMemberLimitAction(idle, form({ workspace: slug, id: s.subject.membershipId, limit: "7" })),
    changed: async (s) => (await db.membership.findUniqueOrThrow({ where: { id: s.subject.membershipId } })).monthlyLimit === 7,
  },
  {
    name: "remove a member",
    permission: "members.manage",
    names: true,
    run: (s, slug) => removeMemberAction(idle, form({ workspace: slug, id: s.subject.membershipId })),
    changed: async (s) => (await roleOf(s.subject.membershipId)) === undefined,
  },
  {
    name: "transfer ownership",
    permission: "ownership.transfer",
    names: true,
    run: (s, slug) => transferOwnershipAction(idle, form({ workspace: slug, id: s.subject.membershipId })),
    changed: async (s) => (await roleOf(s.subject.membershipId)) === "owner",
  },
];

const ACTORS: Actor[] = ["outsider", "outsider with forged ids", "viewer", "member", "admin", "owner"];
const allowed = (actor: Actor, permission: Permission) => actor !== "outsider" && actor !== "outsider with forged ids" && can(actor, permission);

beforeEach(() => {
  session.user = null;
});

describe("team doorways × roles", () => {
  for (const doorway of DOORWAYS) {
    for (const actor of ACTORS) {
      if (actor === "outsider with forged ids" && !doorway.names) continue;
      const expected = allowed(actor, doorway.permission) ? "ok" : "refused";
      it(`${doorway.name} as ${actor}: ${expected === "ok" ? "allowed" : "refused, nothing changed"}`, async () => {
        const scene = await seedScene();
        const person = scene.people[actor];
        session.user = { id: person.userId, email: person.email, name: null, role: "user" };
        const slug = actor === "outsider with forged ids" ? scene.outsiderSlug : scene.team.slug;
        expect(await settle(doorway.run(scene, slug))).toBe(expected);
        expect(await doorway.changed(scene)).toBe(expected === "ok");
      });
    }
  }
});

describe("team queries × roles", () => {
  it("members, pending invitations and the audit log are read only by the roles allowed, never by outsiders", async () => {
    const scene = await seedScene();
    for (const actor of ["outsider", "viewer", "member", "admin", "owner"] as const) {
      const caller = { userId: scene.people[actor].userId, workspaceId: scene.team.id };
      const [members, invitations, audit] = await Promise.all([listMembers(caller), listPendingInvitations(caller), listAuditLog(caller)]);
      expect(members.length > 0, `${actor} members`).toBe(allowed(actor, "workspace.view"));
      expect(invitations.length > 0, `${actor} invitations`).toBe(allowed(actor, "members.manage"));
      expect(audit.entries.length > 0, `${actor} audit`).toBe(allowed(actor, "audit.view"));
    }
  });
});
