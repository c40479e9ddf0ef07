import { describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { exportUsage, type UsageExportRow } from "@/lib/billing/export-usage";
import { formatUsageExport } from "@/lib/billing/format-usage-export";
import { seedUsageRecord } from "../factories/usage-records";
import { seedUser } from "../factories/users";

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
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
      const rows = await collect(await exportUsage({ workspaceSlug: owner.workspaceSlug, batchSize }));
      expect(rows.map((r) => r.id), `batch ${batchSize}`).toEqual(expected);
    }
  });

  it("gives its connection back when the reader stops early", async () => {
    const owner = await seedUser();
    for (let i = 0; i < 3; i++) await seedUsageRecord({ workspaceId: owner.workspaceId, userId: owner.userId });
    const pool = getPool();
    for await (const row of await exportUsage({ workspaceSlug: owner.workspaceSlug, batchSize: 1 })) {
      expect(row.workspace).toBe(owner.workspaceSlug);
      break;
    }
    expect(pool.totalCount - pool.idleCount).toBe(0);
    expect((await pool.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
  });

  it("formats large exports in chunks that join into one valid document", async () => {
    async function* many(): AsyncGenerator<UsageExportRow> {
      for (let i = 0; i < 3000; i++) {
        yield {
          id: `id-${i}`, request_id: `req-${i}`, created_at: "2030-01-01T00:00:00.000Z", workspace: "w", user_id: "u",
          api_key_id: null, source: "api", model: "m", status: "succeeded", prompt_tokens: i, completion_tokens: null,
          total_tokens: null, usage_source: null, images: 0, credits: 1, overage: false, latency_ms: null, upstream_id: "x\ny",
        };
      }
    }
    const jsonChunks = await collect(formatUsageExport(many(), "json"));
    expect(jsonChunks.length).toBeGreaterThan(1);
    const parsed = JSON.parse(jsonChunks.join("")) as UsageExportRow[];
    expect(parsed).toHaveLength(3000);
    expect(parsed[2999]).toMatchObject({ id: "id-2999", prompt_tokens: 2999, upstream_id: "x\ny" });
    const csv = (await collect(formatUsageExport(many(), "csv"))).join("");
    expect(csv.endsWith('"x\ny"\r\n')).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(3002);
  });
});
