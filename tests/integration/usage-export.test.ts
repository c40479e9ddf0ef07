// GET /api/usage/export: what a spreadsheet would run is shown instead, the body streams page by page (a reader
// that stops early ends the snapshot and gives its connection back), and one account runs two exports at once.
import { beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ user: null as { id: string; email: string; name: null; role: "user" } | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

import { GET } from "@/app/api/usage/export/route";
import { db, getPool } from "@/lib/db/client";
import { USAGE_EXPORTS_PER_USER } from "@/lib/usage/acquire-usage-export-slot";
import { seedApiKey, seedMember } from "../factories/api-keys";
import { seedUsageRecord } from "../factories/usage-records";
import { seedUser } from "../factories/users";

beforeEach(() => {
  session.user = null;
});

const signIn = (user: { userId: string; email: string }) => (session.user = { id: user.userId, email: user.email, name: null, role: "user" });
const exportCsv = (slug: string) => GET(new Request(`http://localhost/api/usage/export?workspace=${encodeURIComponent(slug)}&range=7d&tz=UTC`));
const lines = (text: string) => text.split("\r\n").filter(Boolean);

async function seedMany(workspaceId: string, userId: string, count: number) {
  const now = Date.now();
  await db.usageRecord.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      requestId: `req_export_${workspaceId}_${i}`, workspaceId, userId, source: "studio" as const, model: "darkroom-local",
      status: "succeeded" as const, credits: 1, createdAt: new Date(now - i * 1000),
    })),
  });
}

describe("GET /api/usage/export", () => {
  it("writes names a spreadsheet would run as formulas with a leading ', and keeps them readable", async () => {
    const owner = await seedUser();
    const member = await seedMember(owner.workspaceId, "member");
    await db.user.update({ where: { id: member.userId }, data: { name: '=HYPERLINK("http://evil.test","x")' } });
    const key = await seedApiKey({ owner: { userId: member.userId, workspaceId: owner.workspaceId }, name: "@SUM(1+1)*cmd|' /C calc'!A0" });
    await seedUsageRecord({ workspaceId: owner.workspaceId, userId: member.userId, apiKeyId: key.id, credits: 3 });
    const dashKey = await seedApiKey({ owner: { userId: member.userId, workspaceId: owner.workspaceId }, name: "-1+1 nightly" });
    await seedUsageRecord({ workspaceId: owner.workspaceId, userId: member.userId, apiKeyId: dashKey.id, credits: 4 });
    signIn(owner);
    const response = await exportCsv(owner.workspaceSlug);
    expect(response.status).toBe(200);
    const [, ...rows] = lines(await response.text());
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(rows.some((r) => r.includes(`,'@SUM(1+1)*cmd|' /C calc'!A0,`))).toBe(true);
    expect(rows.some((r) => r.includes(`,'-1+1 nightly,`))).toBe(true);
    // Numbers stay numbers.
    expect(rows.filter((r) => /,succeeded,[34],/.test(r))).toHaveLength(2);
  });

  it("streams page by page: the first chunk comes before the last page is read, and stopping early frees the connection", async () => {
    const owner = await seedUser();
    await seedMany(owner.workspaceId, owner.userId, 2500);
    signIn(owner);
    const response = await exportCsv(owner.workspaceSlug);
    expect(response.headers.get("content-length")).toBeNull();
    const reader = response.body!.getReader();
    const first = await reader.read();
    const firstLines = lines(new TextDecoder().decode(first.value));
    // Header plus one page of 1,000 records: the other 1,500 are not read until asked for.
    expect(firstLines.length).toBeGreaterThan(1);
    expect(firstLines.length).toBeLessThanOrEqual(1001);
    const pool = getPool();
    expect(pool.totalCount - pool.idleCount).toBe(1); // the export's snapshot, waiting for the reader
    await reader.cancel();
    expect(pool.totalCount - pool.idleCount).toBe(0);

    const whole = await (await exportCsv(owner.workspaceSlug)).text();
    expect(lines(whole)).toHaveLength(2501);
  });

  it(`lets one account run ${USAGE_EXPORTS_PER_USER} exports at once, then answers 429 until one ends`, async () => {
    const owner = await seedUser();
    await seedMany(owner.workspaceId, owner.userId, 1200);
    signIn(owner);
    const running = [];
    for (let i = 0; i < USAGE_EXPORTS_PER_USER; i++) {
      const response = await exportCsv(owner.workspaceSlug);
      const reader = response.body!.getReader();
      await reader.read();
      running.push(reader);
    }
    const refused = await exportCsv(owner.workspaceSlug);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(await refused.json()).toEqual({ error: { code: "rate_limited", message: "Two exports are already running for you: wait for one to finish." } });
    // Someone else is not held up by this account's exports.
    const other = await seedUser();
    signIn(other);
    expect((await exportCsv(other.workspaceSlug)).status).toBe(200);
    signIn(owner);
    await running[0]!.cancel();
    const again = await exportCsv(owner.workspaceSlug);
    expect(again.status).toBe(200);
    expect(lines(await again.text())).toHaveLength(1201);
    // A finished export frees its slot too.
    await running[1]!.cancel();
    for (let i = 0; i < USAGE_EXPORTS_PER_USER + 1; i++) {
      const response = await exportCsv(owner.workspaceSlug);
      expect(response.status).toBe(200);
      expect(lines(await response.text())).toHaveLength(1201);
    }
  });
});
