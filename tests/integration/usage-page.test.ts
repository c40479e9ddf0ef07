import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ user: null as { id: string; email: string; name: null; role: "user" } | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

import { GET } from "@/app/api/usage/export/route";
import { db } from "@/lib/db/client";
import { getUsageScope } from "@/lib/usage/get-usage-scope";
import { getUsageSeries } from "@/lib/usage/get-usage-series";
import { listUsageRecords, type UsageRecordRow } from "@/lib/usage/list-usage-records";
import { resolveUsageRange } from "@/lib/usage/resolve-usage-range";
import { usageQuery, usageSearchSchema } from "@/lib/usage/schemas";
import { decodeKeysetCursor } from "@/lib/db/keyset-cursor";
import { seedApiKey, seedMember } from "../factories/api-keys";
import { seedUsageRecord } from "../factories/usage-records";
import { seedUser } from "../factories/users";
import { parseCsv } from "../support/parse-csv";

beforeEach(() => {
  session.user = null;
});

const signIn = (user: { userId: string; email: string }) => (session.user = { id: user.userId, email: user.email, name: null, role: "user" });

const TRICKY_NAME = 'Ann, "The Tester"\nSecond line';
const TRICKY_KEY = 'ci, "nightly"\r\nkey';

async function workspace() {
  const owner = await seedUser();
  const admin = await seedMember(owner.workspaceId, "admin");
  const ann = await seedMember(owner.workspaceId, "member");
  await db.user.update({ where: { id: ann.userId }, data: { name: TRICKY_NAME } });
  const bob = await seedMember(owner.workspaceId, "member");
  const viewer = await seedMember(owner.workspaceId, "viewer");
  const key = await seedApiKey({ owner: { userId: ann.userId, workspaceId: owner.workspaceId }, name: TRICKY_KEY });
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  // 120 of Ann's (three table pages, both sources, several statuses) and 30 of Bob's.
  for (let i = 0; i < 120; i++) {
    await seedUsageRecord({
      workspaceId: owner.workspaceId, userId: ann.userId, apiKeyId: i % 2 ? key.id : null, source: i % 2 ? "api" : "studio",
      model: i % 3 ? "model-a" : "model-b", status: i % 10 === 0 ? "failed" : "succeeded", credits: i % 10 === 0 ? 0 : 3,
      images: 1, totalTokens: 10, createdAt: at(i * 13 + (i % 5)),
    });
  }
  for (let i = 0; i < 30; i++) {
    await seedUsageRecord({ workspaceId: owner.workspaceId, userId: bob.userId, model: "model-a", credits: 7, createdAt: at(i * 29) });
  }
  return { owner, admin, ann, bob, viewer, key };
}

async function view(user: { userId: string }, slug: string, params: Record<string, string> = {}) {
  const scope = await getUsageScope(user, slug);
  if (!scope) return null;
  const search = usageSearchSchema.parse({ range: "7d", tz: "Europe/Berlin", ...params });
  const range = await resolveUsageRange(search.range, search.tz, search.bucket);
  const points = await getUsageSeries(scope, search, range, search.bucket, "member");
  const rows: UsageRecordRow[] = [];
  let cursor: string | null = null;
  do {
    const page = await listUsageRecords(scope, search, range, cursor ? decodeKeysetCursor(cursor) : null);
    expect(page.rows.length).toBeLessThanOrEqual(50);
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  const credits = points.reduce((sum, p) => sum + p.credits, 0);
  const members = new Set(points.map((p) => p.key));
  return { search, rows, credits, members };
}

async function exportCsv(slug: string, params: Record<string, string>) {
  const query = usageQuery(usageSearchSchema.parse({ range: "7d", tz: "Europe/Berlin", ...params }));
  return GET(new Request(`http://localhost/api/usage/export?workspace=${encodeURIComponent(slug)}&${query}`));
}

describe("the Usage page's data", () => {
  it("shows a member only their own usage, whatever member they ask for; usage.view_all shows everyone's", async () => {
    const { owner, admin, ann, bob, viewer } = await workspace();
    const slug = owner.workspaceSlug;

    const asAnn = (await view(ann, slug))!;
    expect(asAnn.rows).toHaveLength(120);
    expect(asAnn.credits).toBe(108 * 3);
    expect([...asAnn.members]).toEqual([ann.userId]);
    const annAskingForBob = (await view(ann, slug, { member: bob.userId }))!;
    expect(annAskingForBob.rows.map((r) => r.userId)).toEqual(new Array(120).fill(ann.userId));
    expect(annAskingForBob.credits).toBe(108 * 3);

    for (const who of [owner, admin]) {
      const all = (await view(who, slug))!;
      expect(all.rows).toHaveLength(150);
      expect(all.credits).toBe(108 * 3 + 30 * 7);
      expect(all.members).toEqual(new Set([ann.userId, bob.userId]));
      const onlyBob = (await view(who, slug, { member: bob.userId }))!;
      expect(onlyBob.rows).toHaveLength(30);
      expect(onlyBob.credits).toBe(210);
    }

    const asViewer = (await view(viewer, slug))!;
    expect(asViewer.rows).toHaveLength(0);
    expect(asViewer.credits).toBe(0);

    const outsider = await seedUser();
    expect(await view(outsider, slug)).toBeNull();
    signIn(outsider);
    expect((await exportCsv(slug, {})).status).toBe(404);
    session.user = null;
    expect((await exportCsv(slug, {})).status).toBe(401);

    signIn(ann);
    const annCsv = parseCsv(await (await exportCsv(slug, { member: bob.userId })).text());
    expect(annCsv.slice(1).map((r) => r[2])).toEqual(new Array(120).fill(ann.userId));
  });

  it("exports exactly the table's filtered rows as CSV, quoting commas, quotes and line breaks", async () => {
    const { owner, ann, key } = await workspace();
    const slug = owner.workspaceSlug;
    signIn(owner);
    const filterSets: Record<string, string>[] = [
      {},
      { member: ann.userId },
      { member: ann.userId, source: "api" },
      { key: key.id, status: "succeeded" },
      { model: "model-b", status: "failed" },
      { key: "none" },
    ];
    for (const filters of filterSets) {
      const table = (await view(owner, slug, filters))!;
      const response = await exportCsv(slug, filters);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="darkroom-.*-usage-\d{4}-\d{2}-\d{2}\.csv"/);
      const [header, ...rows] = parseCsv(await response.text());
      expect(header).toEqual(["created_at", "member", "user_id", "api_key", "api_key_id", "source", "model", "status", "credits",
        "images", "prompt_tokens", "completion_tokens", "total_tokens", "latency_ms", "id"]);
      expect(rows.length, JSON.stringify(filters)).toBe(table.rows.length);
      expect(rows.map((r) => r[14])).toEqual(table.rows.map((r) => r.id));
      expect(rows.map((r) => [r[0], r[1], r[3], r[7], Number(r[8])])).toEqual(
        table.rows.map((r) => [r.createdAt.toISOString(), r.member, r.keyName ?? "", r.status, r.credits]),
      );
    }
    const text = await (await exportCsv(slug, { key: key.id })).text();
    expect(text).toContain(`"${TRICKY_NAME.replaceAll('"', '""')}"`);
    expect(text).toContain(`"${TRICKY_KEY.replaceAll('"', '""')}"`);
    const parsed = parseCsv(text);
    expect(parsed.slice(1).every((r) => r.length === 15 && r[1] === TRICKY_NAME && r[3] === TRICKY_KEY)).toBe(true);
  });

  it("refuses an export without a workspace", async () => {
    signIn(await seedUser());
    const response = await GET(new Request(`http://localhost/api/usage/export?range=7d&x=${randomUUID()}`));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_input", message: "Name the workspace to export" } });
  });
});
