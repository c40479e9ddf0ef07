import { randomUUID } from "node:crypto";
import { grantWorkspaceCredits } from "@/lib/billing/grant-workspace-credits";
import { db } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/db/generated/client";
import { createApiKey } from "@/lib/gateway/keys/create-api-key";
import { createInvitation } from "@/lib/invitations/create-invitation";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { removeMember } from "@/lib/members/remove-member";
import type { StorageDriver } from "@/lib/storage/storage-driver";
import { createTeamWorkspace } from "@/lib/workspaces/create-team-workspace";
import { seedAsset } from "../../factories/assets";
import { seedEditJob } from "../../factories/studio";
import { seedUsageRecord } from "../../factories/usage-records";
import { seedUser, uniqueEmail } from "../../factories/users";

/** Who calls: a member of the team in one of its roles, or an outsider (a former member, removed). */
export const ROLES = ["outsider", "viewer", "member", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export type Person = {
  userId: string;
  email: string;
  name: string;
  password: string | null;
  /** A team the person owns outright (every permission there): the slug a forged call names. */
  ownSlug: string;
  ownWorkspaceId: string;
  /** Their key in the team: live for member, admin and owner; the viewer's was revoked by the demotion, the outsider's by the removal. */
  teamKey: string;
  /** A live key of their own team, billed there. */
  ownKey: string;
  /** Their membership in the team (null for the outsider). */
  membershipId: string | null;
};

export type Scene = {
  team: { id: string; slug: string; name: string };
  people: Record<Role, Person>;
  /** A member who is none of the callers: the target of member actions, author of the asset, job, key and usage below. */
  subject: Person & { membershipId: string };
  /** The subject's image; the queued edits below use another (an edit's input can't be deleted while it runs). */
  asset: { id: string; bytes: Buffer };
  /** A queued edit of the subject's; `ownJobs` are queued edits of each caller's own (the outsider has none). */
  job: { id: string; prompt: string };
  ownJobs: Partial<Record<Role, string>>;
  subjectKey: { id: string; name: string };
  /** Pending, for an address none of the callers has; `token` is its link's secret. */
  invitation: { id: string; email: string; token: string };
  /** Strings only the team's members may read: a refused caller's answer contains none of them. */
  secrets: string[];
};

type Options = {
  /** Real users with passwords (the HTTP doorways sign in); otherwise rows only, for in-process calls. */
  signIn: boolean;
  storage?: StorageDriver;
  credits?: number;
};

async function person(label: string, options: Options): Promise<Omit<Person, "teamKey" | "ownKey" | "membershipId">> {
  const tag = randomUUID().slice(0, 8);
  const name = `${label} ${tag}`;
  let userId: string;
  let email: string;
  let password: string | null = null;
  if (options.signIn) {
    const user = await seedUser({ name });
    ({ userId, email, password } = user);
  } else {
    email = uniqueEmail(label.toLowerCase().replace(/\W+/g, "-"));
    // Verified, like every established account: the matrix is about workspaces, not about the trial.
    userId = (await db.user.create({ data: { email, name, emailVerifiedAt: new Date() }, select: { id: true } })).id;
  }
  const own = await createTeamWorkspace({ userId }, { name: `Own of ${name}` });
  await grantWorkspaceCredits({ workspaceSlug: own.slug, amount: 100 });
  return { userId, email, name, password, ownSlug: own.slug, ownWorkspaceId: own.id };
}

async function keyOf(workspaceId: string, userId: string, name: string): Promise<{ id: string; key: string }> {
  const membership = await db.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId, userId } }, select: { id: true } });
  const created = await createApiKey({ workspaceId, membershipId: membership.id, createdById: userId, name });
  return { id: created.id, key: created.key };
}

async function join(workspaceId: string, userId: string, role: WorkspaceRole): Promise<string> {
  return (await db.membership.create({ data: { workspaceId, userId, role }, select: { id: true } })).id;
}

/**
 * A team with one caller in each role, a subject member with an asset (bytes in `storage` when given), a queued
 * edit, a key and usage; a pending invitation; each caller's own queued edit; and an outsider who was a member
 * until the owner removed them (their key revoked by it), like the viewer was demoted from member (key revoked).
 */
export async function seedScene(options: Options): Promise<Scene> {
  const [owner, admin, member, viewer, outsider, subject] = await Promise.all(
    ["Olive Owner", "Ada Admin", "Mel Member", "Vic Viewer", "Otto Outsider", "Sam Subject"].map((label) => person(label, options)),
  );
  const team = await createTeamWorkspace({ userId: owner!.userId }, { name: `Matrix ${randomUUID().slice(0, 8)}` });
  const teamName = (await db.workspace.findUniqueOrThrow({ where: { id: team.id }, select: { name: true } })).name;
  await grantWorkspaceCredits({ workspaceSlug: team.slug, amount: options.credits ?? 1000 });
  const ownerCaller = { userId: owner!.userId, workspaceId: team.id };

  const memberships: Partial<Record<Role | "subject", string>> = {
    owner: (await db.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: team.id, userId: owner!.userId } } })).id,
    admin: await join(team.id, admin!.userId, "admin"),
    member: await join(team.id, member!.userId, "member"),
    viewer: await join(team.id, viewer!.userId, "member"),
    outsider: await join(team.id, outsider!.userId, "member"),
    subject: await join(team.id, subject!.userId, "member"),
  };
  const all = { owner, admin, member, viewer, outsider, subject } as const;
  const teamKeys: Record<string, { id: string; key: string }> = {};
  const ownKeys: Record<string, { id: string; key: string }> = {};
  for (const [role, p] of Object.entries(all)) {
    teamKeys[role] = await keyOf(team.id, p!.userId, `${role} team key ${randomUUID().slice(0, 6)}`);
    ownKeys[role] = await keyOf(p!.ownWorkspaceId, p!.userId, `${role} own key`);
  }

  const asset = await seedAsset(team.id, { storage: options.storage, originalName: "matrix.png" });
  await db.asset.update({ where: { id: asset.id }, data: { createdById: subject!.userId } });
  const input = await seedAsset(team.id, { storage: options.storage, originalName: "input.png" });
  const prompt = `matrix secret prompt ${randomUUID().slice(0, 8)}`;
  const jobId = await seedEditJob({ userId: subject!.userId, workspaceId: team.id }, [input.id], prompt);
  const ownJobs: Partial<Record<Role, string>> = {};
  for (const role of ["viewer", "member", "admin", "owner"] as const) {
    ownJobs[role] = await seedEditJob({ userId: all[role]!.userId, workspaceId: team.id }, [input.id], `own edit of ${role}`);
  }
  for (const p of [subject!, admin!, member!, viewer!]) {
    await seedUsageRecord({ workspaceId: team.id, userId: p.userId, apiKeyId: teamKeys[p === subject ? "subject" : p === admin ? "admin" : p === member ? "member" : "viewer"]!.id, credits: 2 });
  }
  const invitation = await createInvitation(ownerCaller, { email: uniqueEmail("pending-invitee"), role: "member" });

  // The viewer was a member (their key and edit date from then); the outsider was a member until removed.
  await changeMemberRole(ownerCaller, memberships.viewer!, "viewer");
  await removeMember(ownerCaller, memberships.outsider!);

  const people = Object.fromEntries(
    (["outsider", "viewer", "member", "admin", "owner"] as const).map((role) => [
      role,
      { ...all[role]!, teamKey: teamKeys[role]!.key, ownKey: ownKeys[role]!.key, membershipId: role === "outsider" ? null : memberships[role]! },
    ]),
  ) as Record<Role, Person>;
  const subjectPerson = { ...subject!, teamKey: teamKeys.subject!.key, ownKey: ownKeys.subject!.key, membershipId: memberships.subject! };
  const subjectKeyName = (await db.apiKey.findUniqueOrThrow({ where: { id: teamKeys.subject!.id }, select: { name: true } })).name;
  return {
    team: { id: team.id, slug: team.slug, name: teamName },
    people,
    subject: subjectPerson,
    asset: { id: asset.id, bytes: asset.bytes },
    job: { id: jobId, prompt },
    ownJobs,
    subjectKey: { id: teamKeys.subject!.id, name: subjectKeyName },
    invitation: { id: invitation.id, email: invitation.email, token: new URL(invitation.url).pathname.split("/").at(-1)! },
    secrets: [teamName, subject!.name, subject!.email, prompt, subjectKeyName, invitation.email, asset.id],
  };
}
