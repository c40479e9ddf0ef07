import { describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { exportUsage, USAGE_EXPORT_FIELDS, type UsageExportRow } from "@/lib/billing/export-usage";
import { formatUsageExport } from "@/lib/billing/format-usage-export";
import { billingExportSchema } from "@/lib/billing/schemas";
import { db } from "@/lib/db/client";
import { toCsvLine } from "@/lib/usage/to-csv-line";
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
      const pages = await collect(await exportUsage({ workspaceSlug: owner.workspaceSlug, batchSize }, "csv"));
      expect(pages.every((page) => page.rows > 0 && page.rows <= batchSize), `batch ${batchSize}`).toBe(true);
      const ids = pages.flatMap((page) => page.text.split("\r\n").filter(Boolean).map((line) => line.split(",")[0]));
      expect(ids, `batch ${batchSize}`).toEqual(expected);
    }
  });

  it("gives its connection back when the reader stops early", async () => {
    const owner = await seedUser();
    for (let i = 0; i < 3; i++) await seedUsageRecord({ workspaceId: owner.workspaceId, userId: owner.userId });
    const pool = getPool();
    for await (const page of await exportUsage({ workspaceSlug: owner.workspaceSlug, batchSize: 1 }, "json")) {
      expect((JSON.parse(page.text) as UsageExportRow).workspace).toBe(owner.workspaceSlug);
      break;
    }
    expect(pool.totalCount - pool.idleCount).toBe(0);
    expect((await pool.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
  });

  it("formats large exports in chunks that join into one valid document", async () => {
    const owner = await seedUser();
    await getPool().query(
      `INSERT INTO usage_records (id, request_id, workspace_id, user_id, source, model, status, prompt_tokens, images, credits, upstream_id, created_at)
       SELECT gen_random_uuid(), 'req_many_' || $1::text || '_' || i, $1::uuid, $2::uuid, 'api', 'm', 'succeeded', i, 0, 1, 'x' || chr(10) || 'y',
              '2034-01-01T00:00:00Z'::timestamptz + i * interval '1 millisecond'
       FROM generate_series(0, 2999) AS i`,
      [owner.workspaceId, owner.userId],
    );
    const filter = { workspaceSlug: owner.workspaceSlug };
    const jsonChunks = await collect(formatUsageExport(await exportUsage(filter, "json"), "json"));
    expect(jsonChunks.length).toBeGreaterThan(1);
    const parsed = JSON.parse(Buffer.concat(jsonChunks).toString("utf8")) as UsageExportRow[];
    expect(parsed).toHaveLength(3000);
    expect(parsed[2999]).toMatchObject({ prompt_tokens: 2999, upstream_id: "x\ny", created_at: "2034-01-01T00:00:02.999Z" });
    const csv = await collectText(formatUsageExport(await exportUsage(filter, "csv"), "csv"));
    expect(csv.endsWith('"x\ny",\r\n')).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(3002);
    // Nothing to export: a header, or an empty array.
    const none = { workspaceSlug: owner.workspaceSlug, since: new Date("2001-01-01T00:00:00Z"), until: new Date("2001-02-01T00:00:00Z") };
    expect(await collectText(formatUsageExport(await exportUsage(none, "csv"), "csv"))).toBe(toCsvLine(USAGE_EXPORT_FIELDS));
    expect(JSON.parse(await collectText(formatUsageExport(await exportUsage(none, "json"), "json")))).toEqual([]);
  });

  it("writes every kind of value exactly as toCsvLine and JSON.stringify would (the database formats the lines)", async () => {
    const owner = await seedUser();
    const { rows: keys } = await getPool().query<{ id: string }>(
      `INSERT INTO api_keys (id, workspace_id, membership_id, created_by_id, name, hash, prefix, last4)
       SELECT gen_random_uuid(), m.workspace_id, m.id, m.user_id, 'k', md5(random()::text), 'dr_live_', '0000'
       FROM memberships m WHERE m.workspace_id = $1 AND m.user_id = $2 RETURNING id`,
      [owner.workspaceId, owner.userId],
    );
    const odd = 'say "hi", \\ back\\slash\ttab \u0001 ctl \u007f del é 😀 \u2028 sep';
    const records: Omit<UsageExportRow, "id" | "workspace" | "user_id" | "prompt">[] = [
      { request_id: "=req,1", created_at: "2035-06-01T12:34:56.789Z", api_key_id: keys[0]!.id, source: "api", model: "-model", status: "failed",
        prompt_tokens: null, completion_tokens: null, total_tokens: null, usage_source: null, images: 0, credits: -3, overage: true, latency_ms: null, upstream_id: odd },
      { request_id: "req-2", created_at: "2035-06-01T12:34:57.000Z", api_key_id: null, source: "studio", model: "m\r\nx", status: "succeeded",
        prompt_tokens: 0, completion_tokens: 5, total_tokens: 5, usage_source: "estimated", images: 3, credits: 12, overage: false, latency_ms: 0, upstream_id: "@x" },
    ];
    const ids: string[] = [];
    for (const r of records) {
      const { rows } = await getPool().query<{ id: string }>(
        `INSERT INTO usage_records (id, request_id, workspace_id, user_id, api_key_id, source, model, status, prompt_tokens, completion_tokens,
                                    total_tokens, usage_source, images, credits, overage, latency_ms, upstream_id, created_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5::"UsageSource", $6, $7::"UsageStatus", $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
        [r.request_id, owner.workspaceId, owner.userId, r.api_key_id, r.source, r.model, r.status, r.prompt_tokens, r.completion_tokens,
          r.total_tokens, r.usage_source, r.images, r.credits, r.overage, r.latency_ms, r.upstream_id, r.created_at],
      );
      ids.push(rows[0]!.id);
    }
    const expected: UsageExportRow[] = records.map((r, i) => ({ ...r, id: ids[i]!, workspace: owner.workspaceSlug, user_id: owner.userId, prompt: null }));
    const filter = { workspaceSlug: owner.workspaceSlug };
    const csv = await collectText(formatUsageExport(await exportUsage(filter, "csv"), "csv"));
    expect(csv).toBe(toCsvLine(USAGE_EXPORT_FIELDS) + expected.map((row) => toCsvLine(USAGE_EXPORT_FIELDS.map((f) => row[f]))).join(""));
    const json = await collectText(formatUsageExport(await exportUsage(filter, "json"), "json"));
    expect(json).toBe(`[\n${expected.map((row) => JSON.stringify(row, [...USAGE_EXPORT_FIELDS])).join(",\n")}\n]\n`);
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
    const csv = await collectText(formatUsageExport(await exportUsage({ workspaceSlug: owner.workspaceSlug }, "csv"), "csv"));
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

    const json = JSON.parse(await collectText(formatUsageExport(await exportUsage({ workspaceSlug: owner.workspaceSlug }, "json"), "json"))) as UsageExportRow[];
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
