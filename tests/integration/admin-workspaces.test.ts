import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { setWorkspaceSuspendedAction } from "@/lib/actions/admin/set-workspace-suspended";
import { uploadImageAction } from "@/lib/actions/studio/upload-image";
import { admit } from "@/lib/billing/admit";
import { db } from "@/lib/db/client";
import { getWorkspaceSuspension } from "@/lib/workspaces/get-workspace-suspension";
import { solidImage } from "../factories/pipeline-images";
import { fileOf } from "../factories/studio";
import { seedUser } from "../factories/users";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const idle = { status: "idle" as const };
const form = (fields: Record<string, string | File>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};
const PRICES = { perRequest: 1, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 };

async function tryAdmit(owner: Awaited<ReturnType<typeof seedUser>>) {
  const membership = await db.membership.findFirstOrThrow({ where: { userId: owner.userId, workspaceId: owner.workspaceId } });
  return admit({ workspaceId: owner.workspaceId, membershipId: membership.id, userId: owner.userId, apiKeyId: null, amount: 1, prices: PRICES, requestId: `req_${randomUUID()}`, source: "api", model: "darkroom-local" });
}

beforeEach(() => {
  session.user = null;
});

describe("suspending a workspace", () => {
  it("requires a reason, refuses admission while suspended, shows the reason, and resumes; audited with old and new", async () => {
    const admin = await seedUser({ admin: true });
    const owner = await seedUser();
    session.user = { id: admin.userId, email: admin.email, name: null, role: "admin" };
    const missing = await setWorkspaceSuspendedAction(idle, form({ unverifiedWorkspaceId: owner.workspaceId, suspended: "true", reason: "" }));
    expect(missing.fieldErrors?.reason?.[0]).toMatch(/Say why/);

    expect(await setWorkspaceSuspendedAction(idle, form({ unverifiedWorkspaceId: owner.workspaceId, suspended: "true", reason: "Chargeback under review" }))).toMatchObject({ status: "success" });
    expect(await tryAdmit(owner)).toEqual({ ok: false, refusal: "workspace_suspended" });
    expect(await getWorkspaceSuspension(owner.workspaceId)).toEqual({ reason: "Chargeback under review" });
    session.user = { id: owner.userId, email: owner.email, name: null, role: "user" };
    const file = fileOf(await solidImage(16, 16).png().toBuffer(), "a.png", "image/png");
    const upload = () => uploadImageAction(form({ workspace: owner.workspaceSlug, file }));
    expect(await upload()).toMatchObject({ status: "error", message: "This workspace is suspended; it is read-only." });
    expect(await db.asset.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);
    session.user = { id: admin.userId, email: admin.email, name: null, role: "admin" };

    expect(await setWorkspaceSuspendedAction(idle, form({ unverifiedWorkspaceId: owner.workspaceId, suspended: "false" }))).toMatchObject({ status: "success" });
    expect(await getWorkspaceSuspension(owner.workspaceId)).toBeNull();
    const admission = await tryAdmit(owner);
    expect(admission.ok).toBe(true);
    session.user = { id: owner.userId, email: owner.email, name: null, role: "user" };
    expect(await upload()).toMatchObject({ status: "success" });
    if (admission.ok) await db.$executeRaw`SELECT darkroom_settle(${admission.holdId}::uuid, 0, 'released', 'failed', NULL, NULL, NULL, NULL, 0, NULL, NULL)`;

    const audits = await db.auditLog.findMany({ where: { workspaceId: owner.workspaceId, actorId: admin.userId }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => [a.action, a.data])).toEqual([
      ["workspace.suspended", { reason: "Chargeback under review", old: { suspended: false, reason: null } }],
      ["workspace.resumed", { reason: null, old: { suspended: true, reason: "Chargeback under review" } }],
    ]);
  });

  it("refuses a non-admin, changing nothing", async () => {
    const person = await seedUser();
    const owner = await seedUser();
    session.user = { id: person.userId, email: person.email, name: null, role: "admin" };
    expect(await setWorkspaceSuspendedAction(idle, form({ unverifiedWorkspaceId: owner.workspaceId, suspended: "true", reason: "because" }))).toMatchObject({ status: "error", message: "Not found." });
    expect(await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } })).toMatchObject({ suspended: false, suspendedReason: null });
  });
});
