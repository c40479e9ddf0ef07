import { describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { exportUsage, type UsageExportRow } from "@/lib/billing/export-usage";
import { formatUsageExport } from "@/lib/billing/format-usage-export";
import { billingExportSchema } from "@/lib/billing/schemas";
import { db } from "@/lib/db/client";
import { seedUsageRecord } from "../factories/usage-records";
import { seedUser } from "../factories/users";

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function collectText(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  return Buffer.concat(await collect(chunks)).toString("utf8");
}

describe("exportUsage", () => {
  it("pages through records in (created_at, id) order, ties included, without skipping or repeating", async () => {
    const owner = await seedUser();
    const tie = new Date("2032-05-01T10:00:00.000Z");
    const seeded = [];
    for (let i = 0; i < 7; i++) {
      const createdAt = i < 4 ? tie : new Date(tie.getTime() + i);
      seeded.push(await seedUsageRecord({ workspaceId: owner.workspaceId, userId: owner.userId, createdAt }));
    }
    const expected = [...seeded]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((r) => r.id);
    for (const batchSize of [1, 2, 3, 7, 100]) {
      const pages = await collect(await exportUsage({ workspaceSlug: owner.workspaceSlug, batchSize }));
      expect(pages.every((page) => page.length > 0 && page.length <= batchSize), `batch ${batchSize}`).toBe(true);
      const rows = pages.flat();
      expect(rows.map((r) => r.id), `batch ${batchSize}`).toEqual(expected);
    }
  });

  it("gives its connection back when the reader stops early", async () => {
    const owner = await seedUser();
    for (let i = 0; i < 3; i++) await seedUsageRecord({ workspaceId: owner.workspaceId, userId: owner.userId });
    const pool = getPool();
    for await (const page of await exportUsage({ workspaceSlug: owner.workspaceSlug, batchSize: 1 })) {
      expect(page[0]!.workspace).toBe(owner.workspaceSlug);
      break;
    }
    expect(pool.totalCount - pool.idleCount).toBe(0);
    expect((await pool.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
  });

  it("formats large exports in chunks that join into one valid document", async () => {
    async function* many(): AsyncGenerator<UsageExportRow[]> {
      for (let i = 0; i < 3000; i++) {
        yield [{
          id: `id-${i}`, request_id: `req-${i}`, created_at: "2030-01-01T00:00:00.000Z", workspace: "w", user_id: "u",
          api_key_id: null, source: "api", model: "m", status: "succeeded", prompt_tokens: i, completion_tokens: null,
          total_tokens: null, usage_source: null, images: 0, credits: 1, overage: false, latency_ms: null, upstream_id: "x\ny", prompt: null,
        }];
      }
    }
    const jsonChunks = await collect(formatUsageExport(many(), "json"));
    expect(jsonChunks.length).toBeGreaterThan(1);
    const parsed = JSON.parse(Buffer.concat(jsonChunks).toString("utf8")) as UsageExportRow[];
    expect(parsed).toHaveLength(3000);
    expect(parsed[2999]).toMatchObject({ id: "id-2999", prompt_tokens: 2999, upstream_id: "x\ny" });
    const csv = await collectText(formatUsageExport(many(), "csv"));
    expect(csv.endsWith('"x\ny",\r\n')).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(3002);
  });

  it("writes a studio edit's prompt with commas, quotes, line breaks and formula starts as inert CSV, and as JSON", async () => {
    const owner = await seedUser();
    const membership = await db.membership.findFirstOrThrow({ where: { userId: owner.userId, workspaceId: owner.workspaceId } });
    const prompts = ['warm, "golden"\nhour\r\nlight', "=HYPERLINK(\"http://x.test\",\"click\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "plain"];
    const at = new Date("2033-03-03T03:03:03.000Z");
    for (const [i, prompt] of prompts.entries()) {
      const record = await seedUsageRecord({ workspaceId: owner.workspaceId, userId: owner.userId, source: "studio", credits: 5 - i, createdAt: new Date(at.getTime() + i) });
      await db.editJob.create({
        data: { workspaceId: owner.workspaceId, membershipId: membership.id, userId: owner.userId, model: "darkroom-local", prompt, requestId: record.requestId, status: "succeeded" },
      });
    }
    const csv = await collectText(formatUsageExport(await exportUsage({ workspaceSlug: owner.workspaceSlug }), "csv"));
    const lines = csv.split("\r\n");
    expect(lines[0]!.split(",").at(-1)).toBe("prompt");
    // The first prompt's line break stays inside its quoted field: 7 records + header + the empty tail after the last CRLF, plus one.
    expect(lines).toHaveLength(prompts.length + 3);
    expect(csv).toContain(',"warm, ""golden""\nhour\r\nlight"\r\n');
    expect(csv).toContain(`,"'=HYPERLINK(""http://x.test"",""click"")"\r\n`);
    for (const inert of ["'+1+2", "'-2+3", "'@SUM(A1)", "'\tcmd"]) expect(csv).toContain(`,${inert}\r\n`);
    expect(csv).toContain(",plain\r\n");
    // Numbers stay numbers: the credits column is not touched by the formula rule.
    expect(csv).not.toContain(",'5,");

    const json = JSON.parse(await collectText(formatUsageExport(await exportUsage({ workspaceSlug: owner.workspaceSlug }), "json"))) as UsageExportRow[];
    expect(json.map((r) => r.prompt)).toEqual(prompts);
    expect(json[0]).toMatchObject({ workspace: owner.workspaceSlug, source: "studio", credits: 5 });
  });

  it("reads a billing period: a month, a range of whole UTC days, or a clear error", () => {
    const month = billingExportSchema.parse({ month: "2030-02", format: "csv", workspace: " Acme-1 " });
    expect(month).toMatchObject({ workspace: "acme-1", format: "csv" });
    expect(month.period).toMatchObject({ since: new Date("2030-02-01T00:00:00Z"), until: new Date("2030-03-01T00:00:00Z"), label: "2030-02" });
    const days = billingExportSchema.parse({ from: "2030-01-30", to: "2030-02-02", format: "json" });
    expect(days.period).toMatchObject({ since: new Date("2030-01-30T00:00:00Z"), until: new Date("2030-02-03T00:00:00Z") });
    expect(days.workspace).toBeUndefined();
    for (const bad of [{ month: "2030-13" }, { from: "2030-02-02", to: "2030-02-01" }, { from: "yesterday", to: "2030-01-01" }, { month: "2030-01", format: "xml" }]) {
      expect(billingExportSchema.safeParse({ format: "csv", ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
