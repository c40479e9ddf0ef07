// The tenant-isolation matrix as data: every workspace-scoped resource × every doorway is a cell, and every cell is
// either the cases that reach that resource through that doorway or an explicit "n/a" saying why none can. The test
// (tests/integration/team-isolation-matrix.test.ts) runs each case for every role and checks the outcome against
// the permission table; it also fails when a resource or doorway has no cell, or when a page, route handler or
// workspace action in the app is claimed by no case.
import sharp from "sharp";
import type { FormState } from "@/lib/actions/form-state";
import { deleteAssetsAction } from "@/lib/actions/gallery/delete-assets";
import { acceptInvitationAction } from "@/lib/actions/invitations/accept-invitation";
import { inviteMemberAction } from "@/lib/actions/invitations/invite-member";
import { revokeInvitationAction } from "@/lib/actions/invitations/revoke-invitation";
import { createApiKeyAction } from "@/lib/actions/keys/create-api-key";
import { revokeApiKeyAction } from "@/lib/actions/keys/revoke-api-key";
import { changeMemberRoleAction } from "@/lib/actions/members/change-member-role";
import { leaveWorkspaceAction } from "@/lib/actions/members/leave-workspace";
import { removeMemberAction } from "@/lib/actions/members/remove-member";
import { setMemberLimitAction } from "@/lib/actions/members/set-member-limit";
import { transferOwnershipAction } from "@/lib/actions/members/transfer-ownership";
import { cancelEditAction } from "@/lib/actions/studio/cancel-edit";
import { clearEditAction } from "@/lib/actions/studio/clear-edit";
import { submitEditAction } from "@/lib/actions/studio/submit-edit";
import { uploadImageAction } from "@/lib/actions/studio/upload-image";
import { changeWorkspaceSlugAction } from "@/lib/actions/workspaces/change-workspace-slug";
import { deleteWorkspaceAction } from "@/lib/actions/workspaces/delete-workspace";
import { renameWorkspaceAction } from "@/lib/actions/workspaces/rename-workspace";
import { db, getPool } from "@/lib/db/client";
import type { Permission } from "@/lib/workspaces/permissions";
import { uniqueEmail } from "../../factories/users";
import type { Person, Role, Scene } from "./scene";

export const RESOURCES = ["settings", "members", "invitations", "assets", "jobs", "gallery", "keys", "usage", "audit"] as const;
export const DOORWAYS = ["page", "action", "route", "file", "stream", "v1"] as const;
export type Resource = (typeof RESOURCES)[number];
export type Doorway = (typeof DOORWAYS)[number];

/**
 * What came back: whether the call did what it asks (read the thing, changed the team), every byte it answered, and
 * what it sent (a page may echo its own URL: what the caller sent is not a leak).
 */
export type Verdict = { allowed: boolean; body: string; sent?: string };

export type Http = { url: string; cookie(role: Role): string };
export type Call = { scene: Scene; role: Role; who: Person; http: Http };

export type Case = {
  name: string;
  /** The file of the doorway this case goes through (the coverage check reads these). */
  covers: string;
  /** Who may: a member whose role has this permission (never an outsider); null: nobody. */
  permission: Permission | null;
  /** A rule the permission table can't say alone (the one owner can't leave), narrowing `permission`. */
  onlyIf?: (role: Role) => boolean;
  /** Puts the scene in the state the case needs, before "nothing changed" is measured. */
  prepare?(scene: Scene): Promise<void>;
  /** Secrets this case may show any caller by design (an invitation link tells its holder whom it is for). */
  shownToCaller?(scene: Scene): string[];
  /** Calls as the caller with the team's slug and ids. */
  run(call: Call): Promise<Verdict>;
  /** The same call naming a workspace the caller controls (or their own key) with the team's ids: always refused. */
  forged?(call: Call): Promise<Verdict>;
  /** What this case shows when allowed, which a refused answer must not contain (beyond the scene's secrets for outsiders). */
  reveals?(scene: Scene): string;
};

export type Cell = Case[] | { na: string };

// ---------------------------------------------------------------------------------------------------- helpers

function form(fields: Record<string, string | string[] | File>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  }
  return data;
}

const idle: FormState = { status: "idle" };

/** A server action's answer: allowed when it succeeded (a redirect is how some succeed). */
async function action(result: Promise<FormState>): Promise<Verdict> {
  try {
    const state = await result;
    return { allowed: state.status === "success", body: JSON.stringify(state) };
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { allowed: true, body: digest };
    throw error;
  }
}

async function get(call: Call, path: string, init: RequestInit = {}): Promise<{ status: number; type: string; body: string; sent: string }> {
  const response = await fetch(`${call.http.url}${path}`, {
    ...init,
    redirect: "manual",
    headers: { cookie: call.http.cookie(call.role), ...(init.headers as Record<string, string> | undefined) },
  });
  return { status: response.status, type: response.headers.get("content-type") ?? "", body: await response.text(), sent: path };
}

/** A page: allowed when it rendered (200) and shows `marker`; a 404 page or a page without it is refused. */
async function page(call: Call, path: string, marker: string | RegExp): Promise<Verdict> {
  const { status, body } = await get(call, path);
  const shows = typeof marker === "string" ? body.includes(marker) : marker.test(body);
  return { allowed: status === 200 && shows, body, sent: path };
}

/** A streamed answer read until `enough` says so (or it ends), then dropped. */
async function stream(call: Call, path: string, enough: (text: string) => boolean): Promise<{ status: number; type: string; body: string }> {
  const controller = new AbortController();
  const response = await fetch(`${call.http.url}${path}`, { headers: { cookie: call.http.cookie(call.role) }, signal: controller.signal });
  let body = "";
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    body += decoder.decode(value, { stream: true });
    if (enough(body)) break;
  }
  controller.abort();
  return { status: response.status, type: response.headers.get("content-type") ?? "", body };
}

/** A /v1 call; returns once the call's results are archived (that happens after the answer), so nothing lands later. */
async function v1Chat(call: Call, key: string): Promise<string> {
  const response = await fetch(`${call.http.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "darkroom-local", stream: false, messages: [{ role: "user", content: "a small grey square" }] }),
  });
  const text = await response.text();
  const requestId = response.headers.get("x-request-id");
  if (response.status === 200 && requestId) {
    for (let i = 0; i < 200; i++) {
      const { rows } = await getPool().query(
        `SELECT 1 FROM edit_jobs j JOIN job_events e ON e.job_id = j.id
          WHERE j.request_id = $1 AND e.type IN ('succeeded', 'failed', 'cancelled')`,
        [requestId],
      );
      if (rows.length) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return `${response.status} ${text.slice(0, 300)}`;
}

const count = async (table: "usageRecord" | "asset", workspaceId: string) =>
  table === "usageRecord" ? db.usageRecord.count({ where: { workspaceId } }) : db.asset.count({ where: { workspaceId } });

/** A /v1 call that must land in the team (usage records or archived results grow) to count as allowed. */
async function v1Spend(call: Call, key: string, table: "usageRecord" | "asset"): Promise<Verdict> {
  const before = await count(table, call.scene.team.id);
  const body = await v1Chat(call, key);
  return { allowed: (await count(table, call.scene.team.id)) > before, body };
}

const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: "#c33" } }).png().toBuffer();
const roleOf = async (id: string) => (await db.membership.findUnique({ where: { id }, select: { role: true } }))?.role;
const ownJob = (call: Call) => call.scene.ownJobs[call.role] ?? call.scene.job.id;
const PAGES = "app/(studio)/[workspace]";

// ---------------------------------------------------------------------------------------------------- the table

export const MATRIX: { [R in Resource]: { [D in Doorway]: Cell } } = {
  settings: {
    page: [
      {
        name: "read the team's settings",
        covers: `${PAGES}/settings/page.tsx`,
        permission: "workspace.view",
        run: (c) => page(c, `/${c.scene.team.slug}/settings`, c.scene.team.name),
      },
      {
        name: "see the form that renames the team and changes its address",
        covers: `${PAGES}/settings/page.tsx`,
        permission: "workspace.edit",
        run: (c) => page(c, `/${c.scene.team.slug}/settings`, 'name="slug"'),
      },
      {
        name: "see the form that deletes the team",
        covers: `${PAGES}/settings/page.tsx`,
        permission: "workspace.delete",
        run: (c) => page(c, `/${c.scene.team.slug}/settings`, 'name="confirmation"'),
      },
    ],
    action: [
      {
        name: "rename the team",
        covers: "lib/actions/workspaces/rename-workspace.ts",
        permission: "workspace.edit",
        run: (c) => action(renameWorkspaceAction(idle, form({ workspace: c.scene.team.slug, name: "Renamed" }))),
      },
      {
        name: "change the team's address",
        covers: "lib/actions/workspaces/change-workspace-slug.ts",
        permission: "workspace.edit",
        run: (c) => action(changeWorkspaceSlugAction(idle, form({ workspace: c.scene.team.slug, slug: `${c.scene.team.slug}-moved` }))),
      },
      {
        name: "delete the team",
        covers: "lib/actions/workspaces/delete-workspace.ts",
        permission: "workspace.delete",
        run: (c) => action(deleteWorkspaceAction(idle, form({ workspace: c.scene.team.slug, confirmation: c.scene.team.slug }))),
        // The caller's own team named, the team's slug typed as the confirmation.
        forged: (c) => action(deleteWorkspaceAction(idle, form({ workspace: c.who.ownSlug, confirmation: c.scene.team.slug }))),
      },
    ],
    route: { na: "no route handler reads or changes a workspace's settings (pages and actions only)" },
    file: { na: "settings have no files" },
    stream: { na: "settings have no event stream" },
    v1: { na: "the gateway names no workspace: a key is bound to its own, and no /v1 endpoint reads or changes settings" },
  },

  members: {
    page: [
      {
        name: "see the team's members",
        covers: `${PAGES}/settings/page.tsx`,
        permission: "workspace.view",
        run: (c) => page(c, `/${c.scene.team.slug}/settings`, c.scene.subject.email),
      },
      {
        name: "see members' roles and limits as controls",
        covers: `${PAGES}/settings/page.tsx`,
        permission: "members.manage",
        run: (c) => page(c, `/${c.scene.team.slug}/settings`, 'name="limit"'),
      },
    ],
    action: [
      {
        name: "change a member's role",
        covers: "lib/actions/members/change-member-role.ts",
        permission: "members.manage",
        run: async (c) => {
          const v = await action(changeMemberRoleAction(idle, form({ workspace: c.scene.team.slug, id: c.scene.subject.membershipId, role: "viewer" })));
          return { ...v, allowed: v.allowed && (await roleOf(c.scene.subject.membershipId)) === "viewer" };
        },
        forged: (c) => action(changeMemberRoleAction(idle, form({ workspace: c.who.ownSlug, id: c.scene.subject.membershipId, role: "viewer" }))),
      },
      {
        name: "set a member's monthly limit",
        covers: "lib/actions/members/set-member-limit.ts",
        permission: "members.manage",
        run: (c) => action(setMemberLimitAction(idle, form({ workspace: c.scene.team.slug, id: c.scene.subject.membershipId, limit: "7" }))),
        forged: (c) => action(setMemberLimitAction(idle, form({ workspace: c.who.ownSlug, id: c.scene.subject.membershipId, limit: "7" }))),
      },
      {
        name: "remove a member",
        covers: "lib/actions/members/remove-member.ts",
        permission: "members.manage",
        run: (c) => action(removeMemberAction(idle, form({ workspace: c.scene.team.slug, id: c.scene.subject.membershipId }))),
        forged: (c) => action(removeMemberAction(idle, form({ workspace: c.who.ownSlug, id: c.scene.subject.membershipId }))),
      },
      {
        name: "transfer ownership",
        covers: "lib/actions/members/transfer-ownership.ts",
        permission: "ownership.transfer",
        run: (c) => action(transferOwnershipAction(idle, form({ workspace: c.scene.team.slug, id: c.scene.subject.membershipId }))),
        forged: (c) => action(transferOwnershipAction(idle, form({ workspace: c.who.ownSlug, id: c.scene.subject.membershipId }))),
      },
      {
        // Everyone but the one owner may leave; the owner must transfer first (exactly one owner at all times).
        name: "leave the team",
        covers: "lib/actions/members/leave-workspace.ts",
        permission: "workspace.view",
        onlyIf: (role) => role !== "owner",
        run: (c) => action(leaveWorkspaceAction(idle, form({ workspace: c.scene.team.slug }))),
      },
    ],
    route: { na: "no route handler reads or changes members" },
    file: { na: "members have no files" },
    stream: { na: "members have no event stream" },
    v1: { na: "the gateway has no member endpoints; a removed member's key is refused under keys × v1" },
  },

  invitations: {
    page: [
      {
        name: "see pending invitations",
        covers: `${PAGES}/settings/page.tsx`,
        permission: "members.manage",
        run: (c) => page(c, `/${c.scene.team.slug}/settings`, c.scene.invitation.email),
        reveals: (s) => s.invitation.email,
      },
    ],
    action: [
      {
        name: "invite someone",
        covers: "lib/actions/invitations/invite-member.ts",
        permission: "members.manage",
        run: (c) => action(inviteMemberAction(idle, form({ workspace: c.scene.team.slug, email: uniqueEmail("matrix"), role: "member" }))),
      },
      {
        name: "withdraw an invitation",
        covers: "lib/actions/invitations/revoke-invitation.ts",
        permission: "members.manage",
        run: (c) => action(revokeInvitationAction(idle, form({ workspace: c.scene.team.slug, id: c.scene.invitation.id }))),
        forged: (c) => action(revokeInvitationAction(idle, form({ workspace: c.who.ownSlug, id: c.scene.invitation.id }))),
      },
      {
        // The link is the secret; it works only for the invited address, which none of the callers has.
        name: "accept an invitation sent to another address",
        covers: "lib/actions/invitations/accept-invitation.ts",
        permission: null,
        run: (c) => action(acceptInvitationAction(idle, form({ token: c.scene.invitation.token }))),
        shownToCaller: (s) => [s.invitation.email, s.team.name],
      },
    ],
    route: { na: "no route handler reads or changes invitations" },
    file: { na: "invitations have no files" },
    stream: { na: "invitations have no event stream" },
    v1: { na: "the gateway has no invitation endpoints" },
  },

  assets: {
    page: [
      {
        name: "open an image's detail page",
        covers: `${PAGES}/gallery/[assetId]/page.tsx`,
        permission: "workspace.view",
        run: (c) => page(c, `/${c.scene.team.slug}/gallery/${c.scene.asset.id}`, `/api/files/${c.scene.asset.id}`),
        forged: (c) => page(c, `/${c.who.ownSlug}/gallery/${c.scene.asset.id}`, `/api/files/${c.scene.asset.id}`),
      },
      {
        // Viewers get a read-only studio: no compose form to put the image in.
        name: "start an edit from the team's image (studio link)",
        covers: `${PAGES}/page.tsx`,
        permission: "images.create",
        run: (c) => page(c, `/${c.scene.team.slug}?input=${c.scene.asset.id}`, `/api/files/${c.scene.asset.id}`),
        forged: (c) => page(c, `/${c.who.ownSlug}?input=${c.scene.asset.id}`, `/api/files/${c.scene.asset.id}`),
      },
    ],
    action: [
      {
        name: "upload an image",
        covers: "lib/actions/studio/upload-image.ts",
        permission: "images.create",
        run: async (c) => action(uploadImageAction(form({ workspace: c.scene.team.slug, file: new File([new Uint8Array(await png())], "x.png", { type: "image/png" }) }))),
      },
      {
        name: "delete someone else's image",
        covers: "lib/actions/gallery/delete-assets.ts",
        permission: "images.delete_any",
        run: (c) => action(deleteAssetsAction({ status: "idle" }, form({ workspace: c.scene.team.slug, ids: [c.scene.asset.id] }))),
        forged: (c) => action(deleteAssetsAction({ status: "idle" }, form({ workspace: c.who.ownSlug, ids: [c.scene.asset.id] }))),
      },
    ],
    route: [
      {
        name: "download the image in a ZIP",
        covers: "app/api/gallery/zip/route.ts",
        permission: "workspace.view",
        run: async (c) => {
          const r = await get(c, "/api/gallery/zip", { method: "POST", body: form({ workspace: c.scene.team.slug, ids: [c.scene.asset.id] }) });
          return { allowed: r.status === 200 && r.type === "application/zip", body: r.body, sent: r.sent };
        },
        forged: async (c) => {
          const r = await get(c, "/api/gallery/zip", { method: "POST", body: form({ workspace: c.who.ownSlug, ids: [c.scene.asset.id] }) });
          return { allowed: r.status === 200, body: r.body, sent: r.sent };
        },
      },
    ],
    file: [
      {
        name: "read the image's file",
        covers: "app/api/files/[assetId]/route.ts",
        permission: "workspace.view",
        run: async (c) => {
          const r = await fetch(`${c.http.url}/api/files/${c.scene.asset.id}?download=1`, { headers: { cookie: c.http.cookie(c.role) } });
          const bytes = Buffer.from(await r.arrayBuffer());
          return { allowed: r.status === 200 && bytes.equals(c.scene.asset.bytes), body: bytes.toString("latin1") };
        },
      },
    ],
    stream: { na: "images have no event stream of their own (an edit's results are announced on its job's stream: jobs × stream)" },
    v1: [
      {
        name: "an API call's results are archived in the key's workspace",
        covers: "app/v1/chat/completions/route.ts",
        permission: "images.create",
        run: (c) => v1Spend(c, c.who.teamKey, "asset"),
        forged: (c) => v1Spend(c, c.who.ownKey, "asset"),
      },
    ],
  },

  jobs: {
    page: [
      {
        name: "see the team's edits in the studio",
        covers: `${PAGES}/page.tsx`,
        permission: "workspace.view",
        run: (c) => page(c, `/${c.scene.team.slug}`, c.scene.job.prompt),
      },
    ],
    action: [
      {
        name: "submit an edit of the team's image",
        covers: "lib/actions/studio/submit-edit.ts",
        permission: "images.create",
        run: (c) => action(submitEditAction(idle, form({ workspace: c.scene.team.slug, inputs: [c.scene.asset.id], model: "darkroom-local", prompt: "invert" }))),
        forged: (c) => action(submitEditAction(idle, form({ workspace: c.who.ownSlug, inputs: [c.scene.asset.id], model: "darkroom-local", prompt: "invert" }))),
      },
      {
        name: "cancel someone else's queued edit",
        covers: "lib/actions/studio/cancel-edit.ts",
        permission: "images.delete_any",
        run: (c) => action(cancelEditAction(form({ workspace: c.scene.team.slug, jobId: c.scene.job.id }))),
        forged: (c) => action(cancelEditAction(form({ workspace: c.who.ownSlug, jobId: c.scene.job.id }))),
      },
      {
        // The viewer's edit dates from before their demotion: a role that may not edit can't stop one either.
        name: "cancel one's own queued edit",
        covers: "lib/actions/studio/cancel-edit.ts",
        permission: "images.create",
        run: (c) => action(cancelEditAction(form({ workspace: c.scene.team.slug, jobId: ownJob(c) }))),
        forged: (c) => action(cancelEditAction(form({ workspace: c.who.ownSlug, jobId: ownJob(c) }))),
      },
      {
        // Clearing hides the caller's own finished tile; someone else's is never theirs to clear.
        name: "clear someone else's edit from the studio",
        covers: "lib/actions/studio/clear-edit.ts",
        permission: null,
        prepare: async (s) => {
          await db.editJob.update({ where: { id: s.job.id }, data: { status: "succeeded", finishedAt: new Date() } });
        },
        run: (c) => action(clearEditAction(form({ workspace: c.scene.team.slug, jobId: c.scene.job.id }))),
        forged: (c) => action(clearEditAction(form({ workspace: c.who.ownSlug, jobId: c.scene.job.id }))),
      },
    ],
    route: { na: "a job is read through its page and its event stream; no other route handler names a job" },
    file: { na: "a job's inputs and results are assets, served by the file route (assets × file)" },
    stream: [
      {
        name: "follow an edit's progress",
        covers: "app/api/jobs/[jobId]/events/route.ts",
        permission: "workspace.view",
        run: async (c) => {
          const r = await stream(c, `/api/jobs/${c.scene.job.id}/events`, (text) => text.includes("queued") || text.length > 4096);
          return { allowed: r.status === 200 && r.type.startsWith("text/event-stream") && r.body.includes("queued"), body: r.body };
        },
      },
    ],
    v1: { na: "the gateway never runs studio jobs; its calls are usage (usage × v1)" },
  },

  gallery: {
    page: [
      {
        name: "browse the gallery",
        covers: `${PAGES}/gallery/page.tsx`,
        permission: "workspace.view",
        run: (c) => page(c, `/${c.scene.team.slug}/gallery`, c.scene.asset.id),
        forged: (c) => page(c, `/${c.who.ownSlug}/gallery?creator=${c.scene.subject.userId}`, c.scene.asset.id),
      },
    ],
    action: [
      {
        name: "delete a selection of someone else's images",
        covers: "lib/actions/gallery/delete-assets.ts",
        permission: "images.delete_any",
        run: (c) => action(deleteAssetsAction({ status: "idle" }, form({ workspace: c.scene.team.slug, ids: [c.scene.asset.id] }))),
      },
    ],
    route: [
      {
        name: "load the next gallery page",
        covers: "app/api/gallery/assets/route.ts",
        permission: "workspace.view",
        run: async (c) => {
          const r = await get(c, `/api/gallery/assets?workspace=${c.scene.team.slug}`);
          return { allowed: r.status === 200 && r.body.includes(c.scene.asset.id), body: r.body, sent: r.sent };
        },
        forged: async (c) => {
          const r = await get(c, `/api/gallery/assets?workspace=${c.who.ownSlug}&creator=${c.scene.subject.userId}`);
          return { allowed: r.body.includes(c.scene.asset.id), body: r.body, sent: r.sent };
        },
      },
    ],
    file: [
      {
        name: "read a gallery thumbnail",
        covers: "app/api/files/[assetId]/route.ts",
        permission: "workspace.view",
        run: async (c) => {
          const r = await get(c, `/api/files/${c.scene.asset.id}?thumb=1`);
          return { allowed: r.status === 200 && r.type === "image/webp", body: r.body, sent: r.sent };
        },
      },
    ],
    stream: { na: "the gallery has no event stream" },
    v1: { na: "the gateway has no gallery endpoints; what an API call stores is checked under assets × v1" },
  },

  keys: {
    page: [
      {
        name: "see the keys page",
        covers: `${PAGES}/keys/page.tsx`,
        permission: "workspace.view",
        run: (c) => page(c, `/${c.scene.team.slug}/keys`, c.scene.team.name),
      },
      {
        name: "see another member's key",
        covers: `${PAGES}/keys/page.tsx`,
        permission: "keys.manage_any",
        run: (c) => page(c, `/${c.scene.team.slug}/keys`, c.scene.subjectKey.name),
        reveals: (s) => s.subjectKey.name,
      },
    ],
    action: [
      {
        name: "create a key",
        covers: "lib/actions/keys/create-api-key.ts",
        permission: "keys.manage",
        run: (c) => action(createApiKeyAction(idle, form({ workspace: c.scene.team.slug, name: "matrix key" }))),
      },
      {
        name: "revoke another member's key",
        covers: "lib/actions/keys/revoke-api-key.ts",
        permission: "keys.manage_any",
        run: (c) => action(revokeApiKeyAction(idle, form({ workspace: c.scene.team.slug, id: c.scene.subjectKey.id }))),
        forged: (c) => action(revokeApiKeyAction(idle, form({ workspace: c.who.ownSlug, id: c.scene.subjectKey.id }))),
      },
    ],
    route: { na: "keys are managed through the keys page and its actions only" },
    file: { na: "keys have no files" },
    stream: { na: "keys have no event stream" },
    v1: [
      {
        // The viewer's key was revoked by the demotion, the outsider's by the removal: both get 401.
        name: "list models with one's key in the team",
        covers: "app/v1/models/route.ts",
        permission: "keys.manage",
        run: async (c) => {
          const r = await fetch(`${c.http.url}/v1/models`, { headers: { authorization: `Bearer ${c.who.teamKey}` } });
          return { allowed: r.status === 200, body: await r.text() };
        },
      },
    ],
  },

  usage: {
    page: [
      {
        name: "see one's own usage",
        covers: `${PAGES}/usage/page.tsx`,
        permission: "usage.view",
        run: (c) => page(c, `/${c.scene.team.slug}/usage?range=7d&tz=UTC`, /(Your|Everyone(&#x27;|')s) usage in/),
      },
      {
        name: "see another member's usage",
        covers: `${PAGES}/usage/page.tsx`,
        permission: "usage.view_all",
        run: (c) => page(c, `/${c.scene.team.slug}/usage?range=7d&tz=UTC`, c.scene.subject.name),
        reveals: (s) => s.subject.name,
        forged: (c) => page(c, `/${c.who.ownSlug}/usage?range=7d&tz=UTC&member=${c.scene.subject.userId}`, c.scene.subject.name),
      },
    ],
    action: { na: "no workspace action changes usage (refunds are the platform admin's, outside any workspace's roles)" },
    route: [
      {
        name: "export one's own usage as CSV",
        covers: "app/api/usage/export/route.ts",
        permission: "usage.view",
        run: async (c) => {
          const r = await get(c, `/api/usage/export?workspace=${c.scene.team.slug}&range=7d&tz=UTC`);
          return { allowed: r.status === 200 && r.type.startsWith("text/csv"), body: r.body, sent: r.sent };
        },
      },
      {
        name: "export another member's usage as CSV",
        covers: "app/api/usage/export/route.ts",
        permission: "usage.view_all",
        run: async (c) => {
          const r = await get(c, `/api/usage/export?workspace=${c.scene.team.slug}&range=7d&tz=UTC&member=${c.scene.subject.userId}`);
          return { allowed: r.status === 200 && r.body.includes(c.scene.subject.userId), body: r.body, sent: r.sent };
        },
        reveals: (s) => s.subject.name,
        forged: async (c) => {
          const r = await get(c, `/api/usage/export?workspace=${c.who.ownSlug}&range=7d&tz=UTC&member=${c.scene.subject.userId}`);
          return { allowed: r.body.includes(c.scene.subject.name), body: r.body, sent: r.sent };
        },
      },
    ],
    file: { na: "usage has no files (the CSV export is a route: usage × route)" },
    stream: { na: "usage has no event stream" },
    v1: [
      {
        // Billed to the key's workspace only: the outsider's own key spends their own team's credits, never this one's.
        name: "an API call is billed to the key's workspace",
        covers: "app/v1/chat/completions/route.ts",
        permission: "images.create",
        run: (c) => v1Spend(c, c.who.teamKey, "usageRecord"),
        forged: (c) => v1Spend(c, c.who.ownKey, "usageRecord"),
      },
    ],
  },

  audit: {
    page: [
      {
        name: "read the audit log",
        covers: `${PAGES}/audit/page.tsx`,
        permission: "audit.view",
        run: (c) => page(c, `/${c.scene.team.slug}/audit`, "Audit log"),
      },
    ],
    action: { na: "the audit log is written only by the actions it records; none edits it" },
    route: { na: "the audit log has no route handler" },
    file: { na: "the audit log has no files" },
    stream: { na: "the audit log has no event stream" },
    v1: { na: "the gateway has no audit endpoints" },
  },
};

/** Doorway files that reach no workspace-scoped resource, each with the reason (the coverage check accepts these). */
export const NOT_WORKSPACE_SCOPED: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "Auth.js: sessions, before any workspace",
  "app/api/health/route.ts": "liveness, no data",
  "app/api/ping/route.ts": "liveness, no data",
  "app/api/landing/[image]/route.ts": "the landing page's public images",
  "app/v1/route.ts": "the bare /v1: an OpenAI-shaped 404",
  "app/v1/[...path]/route.ts": "unknown /v1 paths: an OpenAI-shaped 404",
  "lib/actions/workspaces/create-workspace.ts": "creates a new team; names no existing workspace",
  "lib/actions/admin": "the platform admin's console (users.role = admin), outside every workspace's roles",
  "lib/actions/auth": "sign-in, sign-up and sign-out",
  "lib/actions/accounts":
    "the signed-in person's own account (name, password, email, sign-in methods, sessions, deletion): no workspace id or slug is taken; account-settings, email-change and user-sessions tests",
};
