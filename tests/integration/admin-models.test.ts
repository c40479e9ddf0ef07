import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { addModelAction } from "@/lib/actions/admin/add-model";
import { updateModelAction } from "@/lib/actions/admin/update-model";
import { admit } from "@/lib/billing/admit";
import { checkLedger } from "@/lib/billing/check-ledger";
import { settle } from "@/lib/billing/settle";
import { db } from "@/lib/db/client";
import { getNotificationListener } from "@/lib/db/notifications";
import { createCatalogCache } from "@/lib/gateway/catalog/create-catalog-cache";
import { getCatalogModel } from "@/lib/gateway/catalog/get-catalog-model";
import { seedModel } from "../factories/models";
import { seedUser } from "../factories/users";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const idle = { status: "idle" as const };
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};
const prices = { perRequest: "3", perImage: "0", per1kPrompt: "0", per1kCompletion: "0", tokenCeiling: "0", upstreamName: "" };

beforeEach(() => {
  session.user = null;
});

describe("admin model actions", () => {
  it("edits prices for calls admitted after the change only, audited with old and new, and every cache hears it", async () => {
    const admin = await seedUser({ admin: true });
    const owner = await seedUser();
    const id = await seedModel({ provider: "local", perRequest: 3 });
    const other = createCatalogCache({ listener: getNotificationListener(), ttlMs: 60_000 });
    expect((await other.get(id))?.prices.perRequest).toBe(3);
    const membership = await db.membership.findFirstOrThrow({ where: { userId: owner.userId, workspaceId: owner.workspaceId } });
    const before = (await getCatalogModel(id))!;
    const admitted = await admit({ workspaceId: owner.workspaceId, membershipId: membership.id, userId: owner.userId, apiKeyId: null, amount: 3, prices: before.prices, requestId: `req_${randomUUID()}`, source: "api", model: id });
    expect(admitted.ok).toBe(true);

    session.user = { id: admin.userId, email: admin.email, name: null, role: "admin" };
    const state = await updateModelAction(idle, form({ unverifiedModelId: id, ...prices, perRequest: "9", upstreamName: "vendor-x", enabled: "on" }));
    expect(state).toMatchObject({ status: "success" });
    await expect.poll(async () => (await other.get(id))?.prices.perRequest).toBe(9);
    expect(await getCatalogModel(id)).toMatchObject({ upstreamName: "vendor-x", prices: { perRequest: 9 } });
    // The call admitted before the change keeps the price it was admitted at.
    if (admitted.ok) expect(admitted.prices.perRequest).toBe(3);
    if (admitted.ok) {
      const hold = await db.hold.findUniqueOrThrow({ where: { id: admitted.holdId } });
      expect((hold.prices as { perRequest: number }).perRequest).toBe(3);
      await settle({ holdId: admitted.holdId, charge: 3, holdStatus: "settled", usageStatus: "succeeded", promptTokens: 0, completionTokens: 0, totalTokens: 0, usageSource: "upstream", images: 0, latencyMs: 1, upstreamId: null });
    }
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "model.updated", target: id } });
    expect(audit.actorId).toBe(admin.userId);
    expect(audit.data).toMatchObject({ perRequest: 9, upstreamName: "vendor-x", old: { per_request: 3, upstream_name: null } });

    expect(await updateModelAction(idle, form({ unverifiedModelId: id, ...prices }))).toMatchObject({ status: "success" });
    await expect.poll(async () => (await other.get(id))?.usable).toBe(false);
    other.close();
    const { drift } = await checkLedger();
    expect(drift.filter((d) => d.workspace === owner.workspaceSlug)).toEqual([]);
  });

  it("validates every number against the integer column, with field messages", async () => {
    const admin = await seedUser({ admin: true });
    const id = await seedModel({ provider: "local" });
    session.user = { id: admin.userId, email: admin.email, name: null, role: "admin" };
    const state = await updateModelAction(idle, form({ unverifiedModelId: id, ...prices, perRequest: "-1", perImage: "2.5", tokenCeiling: "2147483648" }));
    expect(state.fieldErrors?.perRequest?.[0]).toMatch(/whole number/);
    expect(state.fieldErrors?.perImage?.[0]).toMatch(/whole number/);
    expect(state.fieldErrors?.tokenCeiling?.[0]).toMatch(/at most 2,147,483,647/);
    expect(state.values?.tokenCeiling).toBe("2147483648");
    expect(await db.auditLog.count({ where: { target: id } })).toBe(0);
  });

  it("adds a model once, audited, usable at once", async () => {
    const admin = await seedUser({ admin: true });
    session.user = { id: admin.userId, email: admin.email, name: null, role: "admin" };
    const id = `test-added-${randomUUID().slice(0, 8)}`;
    const fields = { id, displayName: "Added", provider: "local", enabled: "on", ...prices };
    expect(await addModelAction(idle, form(fields))).toMatchObject({ status: "success" });
    expect(await getCatalogModel(id)).toMatchObject({ displayName: "Added", usable: true, prices: { perRequest: 3 } });
    expect((await addModelAction(idle, form(fields))).fieldErrors?.id?.[0]).toMatch(/already exists/);
    expect(await db.auditLog.count({ where: { action: "model.added", target: id, actorId: admin.userId } })).toBe(1);
    expect((await addModelAction(idle, form({ ...fields, id: "Bad Id!" }))).fieldErrors?.id).toBeDefined();
  });

  it("refuses non-admins, changing nothing", async () => {
    const person = await seedUser();
    const id = await seedModel({ provider: "local", perRequest: 3 });
    session.user = { id: person.userId, email: person.email, name: null, role: "admin" };
    expect(await updateModelAction(idle, form({ unverifiedModelId: id, ...prices, perRequest: "0" }))).toMatchObject({ status: "error", message: "Not found." });
    expect(await addModelAction(idle, form({ id: `test-x-${randomUUID().slice(0, 8)}`, displayName: "X", provider: "local", ...prices }))).toMatchObject({ status: "error", message: "Not found." });
    expect((await getCatalogModel(id))?.prices.perRequest).toBe(3);
  });
});
