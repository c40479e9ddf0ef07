import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { createApiKeyResolver } from "@/lib/gateway/keys/create-api-key-resolver";
import { createNotificationListener } from "@/lib/db/notifications";
import { resolveApiKey } from "@/lib/gateway/keys/resolve-api-key";
import { createFreshDatabase, type FreshDatabase } from "../setup/test-database";
import { runCli } from "../support/run-cli";
import { seedMember } from "../factories/api-keys";
import { seedUsageRecord } from "../factories/usage-records";
import { seedUser } from "../factories/users";

// Every CLI run is a fresh Node process (tsx, Prisma, a migration check): seconds each on a busy machine.
const CLI_TIMEOUT = 90_000;

const env = () => ({ DATABASE_URL: process.env.DATABASE_URL!, NODE_ENV: "test" as const });

const HEADER =
  "id,request_id,created_at,workspace,user_id,api_key_id,source,model,status,prompt_tokens,completion_tokens,total_tokens," +
  "usage_source,images,credits,overage,latency_ms,upstream_id,prompt";

function oneJsonDocument(stdout: string): unknown {
  const lines = stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

/** Each command fails: exit 1, stdout exactly `{"error": <one line matching reason>}`. Run side by side. */
async function expectRefusals(cases: Array<[string[], RegExp]>, cliEnv: NodeJS.ProcessEnv) {
  const results = await Promise.all(cases.map(([args]) => runCli([...args, "--json"], cliEnv)));
  results.forEach((result, i) => {
    const [args, reason] = cases[i]!;
    expect(result.code, args.join(" ")).toBe(1);
    const { error } = oneJsonDocument(result.stdout) as { error: string };
    expect(error, args.join(" ")).toMatch(reason);
    expect(error).not.toContain("\n");
  });
}

describe("gateway CLI: keys", { timeout: CLI_TIMEOUT }, () => {
  it("key:create prints the key once; it resolves, carries the options, and key:revoke ends it", async () => {
    const owner = await seedUser();
    const created = await runCli(
      ["key:create", "--workspace", owner.workspaceSlug, "--email", owner.email.toUpperCase(), "--name", "deploy", "--models", "darkroom-local,gpt-image-1", "--expires", "2099-01-01", "--rpm", "42", "--json"],
      env(),
    );
    expect(created.code, created.stderr).toBe(0);
    const { key, id } = oneJsonDocument(created.stdout) as { key: string; id: string };
    expect(Object.keys(created.json as object)).toEqual(["key", "id"]);
    expect(key).toMatch(/^dk_[0-9A-Za-z]{40}$/);
    expect(created.stderr).not.toContain(key);
    expect(await resolveApiKey(key)).toMatchObject({
      id,
      workspaceId: owner.workspaceId,
      userId: owner.userId,
      models: ["darkroom-local", "gpt-image-1"],
      rpm: 42,
      expiresAt: new Date("2099-01-01T00:00:00.000Z"),
    });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).name).toBe("deploy");

    // A warm cache in this process forgets the key when the CLI (another process) revokes it.
    const listener = createNotificationListener({ connectionString: process.env.DATABASE_URL! });
    const resolver = createApiKeyResolver({ listener });
    try {
      await listener.ready("darkroom_api_keys");
      expect(await resolver.resolve(key)).not.toBeNull();
      const revoked = await runCli(["key:revoke", "--id", id, "--json"], env());
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(oneJsonDocument(revoked.stdout)).toEqual({ ok: true });
      await expect.poll(() => resolver.resolve(key)).toBeNull();
    } finally {
      resolver.close();
      await listener.close();
    }
    expect(await resolveApiKey(key)).toBeNull();
  });

  it("key:create refuses non-members, unknown models and bad flags with one line", async () => {
    const owner = await seedUser();
    const stranger = await seedUser();
    const cases: Array<[string[], RegExp]> = [
      [["--email", stranger.email], /not a member|No member/],
      [["--email", owner.email, "--models", "darkroom-local,nope-model"], /nope-model/],
      [["--email", owner.email, "--expires", "tomorrow"], /--expires/],
      [["--email", owner.email, "--rpm", "fast"], /--rpm/],
    ];
    await expectRefusals(cases.map(([flags, reason]) => [["key:create", "--workspace", owner.workspaceSlug, ...flags], reason]), env());
    expect(await db.apiKey.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);
    const unknown = await runCli(["key:revoke", "--id", "00000000-0000-4000-8000-000000000000", "--json"], env());
    expect(unknown.code).toBe(1);
    expect(oneJsonDocument(unknown.stdout)).toEqual({ error: "API key not found" });
  });
});

// model:set changes the seeded catalog, which other test files share: it runs on a database of its own.
describe("gateway CLI: model:set", { timeout: CLI_TIMEOUT }, () => {
  let database: FreshDatabase;

  beforeAll(async () => {
    database = await createFreshDatabase(inject("databaseServerUrl"), "darkroom_cli_models");
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
  });

  it("changes prices, the switch and the upstream name, and validates", async () => {
    const own = { ...env(), DATABASE_URL: database.url };
    const set = await runCli(
      ["model:set", "--model", "nano-banana", "--per-request", "3", "--per-image", "9", "--per-1k-prompt", "4", "--per-1k-completion", "5", "--token-ceiling", "2048", "--enabled", "false", "--upstream-name", "nano-banana-v2", "--json"],
      own,
    );
    expect(set.code, set.stderr).toBe(0);
    expect(oneJsonDocument(set.stdout)).toEqual({ ok: true });
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: database.url });
    await client.connect();
    try {
      const row = async () => (await client.query("SELECT * FROM models WHERE id = 'nano-banana'")).rows[0];
      expect(await row()).toMatchObject({
        enabled: false, per_request: 3, per_image: 9, per_1k_prompt: 4, per_1k_completion: 5, token_ceiling: 2048, upstream_name: "nano-banana-v2",
      });
      await expectRefusals(
        [
          [["model:set", "--model", "nano-banana", "--per-image=-1"], /--per-image must be a whole number from 0 to 1,000,000/],
          [["model:set", "--model", "nano-banana", "--enabled", "maybe"], /--enabled/],
          [["model:set", "--model", "nope-model", "--per-image", "1"], /Unknown model: nope-model/],
          [["model:set", "--model", "nano-banana"], /Nothing to change/],
        ],
        own,
      );
      expect((await row()).per_image).toBe(9);
      const reset = await runCli(["model:set", "--model", "nano-banana", "--upstream-name", "", "--enabled", "true", "--json"], own);
      expect(reset.code, reset.stderr).toBe(0);
      expect(await row()).toMatchObject({ enabled: true, upstream_name: null, per_image: 9 });
    } finally {
      await client.end();
    }
  });
});

describe("gateway CLI: usage:export", { timeout: CLI_TIMEOUT }, () => {
  // Each test its own year, so time windows without --workspace see only that test's records.
  async function seedExport(year: number) {
    const owner = await seedUser();
    const member = await seedMember(owner.workspaceId);
    const other = await seedUser();
    const at = (iso: string) => new Date(iso.replace("2030", String(year)));
    // Inserted out of order; the export sorts by time.
    const late = await seedUsageRecord({ workspaceId: owner.workspaceId, userId: member.userId, createdAt: at("2030-01-03T00:00:00.000Z"), status: "failed" });
    const first = await seedUsageRecord({
      workspaceId: owner.workspaceId, userId: owner.userId, createdAt: at("2030-01-01T00:00:00.000Z"), model: "gpt-image-1",
      promptTokens: 9, completionTokens: 12, totalTokens: 21, usageSource: "upstream", images: 2, credits: 17, overage: true,
      latencyMs: 1234, upstreamId: 'chatcmpl-"quoted", with comma',
    });
    const second = await seedUsageRecord({ workspaceId: owner.workspaceId, userId: owner.userId, createdAt: at("2030-01-02T12:00:00.000Z"), source: "studio" });
    const elsewhere = await seedUsageRecord({ workspaceId: other.workspaceId, userId: other.userId, createdAt: at("2030-01-02T00:00:00.000Z") });
    return { owner, other, first, second, late, elsewhere };
  }

  it("exports JSON as one array of objects with exactly the fields, oldest first, since inclusive / until exclusive", async () => {
    const { owner, other, first, second, elsewhere } = await seedExport(2030);
    const result = await runCli(
      ["usage:export", "--workspace", owner.workspaceSlug, "--since", "2030-01-01T00:00:00Z", "--until", "2030-01-03", "--format", "json", "--json"],
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      {
        id: first.id, request_id: first.requestId, created_at: "2030-01-01T00:00:00.000Z", workspace: owner.workspaceSlug,
        user_id: owner.userId, api_key_id: null, source: "api", model: "gpt-image-1", status: "succeeded", prompt_tokens: 9,
        completion_tokens: 12, total_tokens: 21, usage_source: "upstream", images: 2, credits: 17, overage: true, latency_ms: 1234,
        upstream_id: 'chatcmpl-"quoted", with comma', prompt: null, // API calls never store their payload
      },
      expect.objectContaining({ id: second.id, created_at: "2030-01-02T12:00:00.000Z", source: "studio", prompt_tokens: null }),
    ]);
    for (const row of rows) expect(Object.keys(row)).toEqual(HEADER.split(","));

    // Without --workspace: every workspace; the until bound excludes a record exactly at it.
    const all = await runCli(["usage:export", "--since", "2030-01-02T00:00:00Z", "--until", "2030-01-02T12:00:00Z", "--format", "json"], env());
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout)).toEqual([expect.objectContaining({ id: elsewhere.id, workspace: other.workspaceSlug })]);
  });

  it("exports CSV with the exact header and RFC 4180 quoting; an empty range is a header or []", async () => {
    const { owner, first, second, late } = await seedExport(2031);
    const result = await runCli(["usage:export", "--workspace", owner.workspaceSlug, "--since", "2031-01-01", "--format", "csv"], env());
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\r\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toBe(
      `${first.id},${first.requestId},2031-01-01T00:00:00.000Z,${owner.workspaceSlug},${owner.userId},,api,gpt-image-1,succeeded,` +
        `9,12,21,upstream,2,17,true,1234,"chatcmpl-""quoted"", with comma",`,
    );
    expect(lines.slice(2).map((l) => l.split(",")[0])).toEqual([second.id, late.id, ""]);

    const empty = await runCli(["usage:export", "--workspace", owner.workspaceSlug, "--until", "2030-01-01", "--format", "csv"], env());
    expect(empty.stdout).toBe(`${HEADER}\r\n`);
    const emptyJson = await runCli(["usage:export", "--workspace", owner.workspaceSlug, "--until", "2030-01-01", "--format", "json"], env());
    expect(JSON.parse(emptyJson.stdout)).toEqual([]);
  });

  it("refuses an unknown workspace, a bad format or date with one line and no output", async () => {
    await expectRefusals(
      [
        [["usage:export", "--workspace", "no-such-workspace-x", "--format", "csv"], /No workspace/],
        [["usage:export", "--format", "xml"], /--format/],
        [["usage:export", "--since", "yesterday", "--format", "json"], /--since/],
        [["usage:export", "--since", "2030-01-02", "--until", "2030-01-01", "--format", "json"], /since/],
      ],
      env(),
    );
  });
});
