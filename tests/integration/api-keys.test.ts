import { createHash, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db, getPool } from "@/lib/db/client";
import { createNotificationListener } from "@/lib/db/notifications";
import { AppError } from "@/lib/errors/app-error";
import { createApiKey } from "@/lib/gateway/keys/create-api-key";
import { API_KEYS_CHANNEL, createApiKeyResolver, type ApiKeyResolver } from "@/lib/gateway/keys/create-api-key-resolver";
import { listApiKeys } from "@/lib/gateway/keys/list-api-keys";
import { lookupApiKey } from "@/lib/gateway/keys/lookup-api-key";
import { resolveApiKey } from "@/lib/gateway/keys/resolve-api-key";
import { revokeApiKey } from "@/lib/gateway/keys/revoke-api-key";
import { touchApiKeyLastUsed } from "@/lib/gateway/keys/touch-api-key-last-used";
import { seedApiKey, seedMember } from "../factories/api-keys";
import { seedUser } from "../factories/users";

const opened: Array<{ close(): unknown }> = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

/** A separate "app instance": its own listener connection and its own cache, counting database lookups. */
async function startInstance(name = `test-${randomUUID().slice(0, 8)}`) {
  const listener = createNotificationListener({ connectionString: process.env.DATABASE_URL!, applicationName: name, minRetryMs: 20 });
  let lookups = 0;
  const resolver = createApiKeyResolver({
    listener,
    lookup: (hash) => {
      lookups++;
      return lookupApiKey(hash);
    },
  });
  opened.push(resolver, listener);
  await listener.ready(API_KEYS_CHANNEL);
  return { listener, resolver, name, lookups: () => lookups };
}

async function expectResolves(resolver: ApiKeyResolver, key: string) {
  expect(await resolver.resolve(key)).not.toBeNull();
}

describe("API keys", () => {
  it("creates a dk_ key, stores only its hash, and resolves it to its workspace and creator", async () => {
    const owner = await seedUser();
    const created = await seedApiKey({ owner, name: "CI", models: ["darkroom-local"], rpm: 30 });
    expect(created.key).toMatch(/^dk_[0-9A-Za-z]{40}$/);
    expect(created.prefix).toBe(created.key.slice(0, 8));
    expect(created.last4).toBe(created.key.slice(-4));

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).toBe(createHash("sha256").update(created.key).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(created.key);

    expect(await resolveApiKey(created.key)).toEqual({
      id: created.id,
      workspaceId: owner.workspaceId,
      workspaceSlug: owner.workspaceSlug,
      membershipId: created.membershipId,
      userId: owner.userId,
      models: ["darkroom-local"],
      rpm: 30,
      expiresAt: null,
    });
  });

  it("resolves malformed and unknown keys to null", async () => {
    const { key } = await seedApiKey();
    for (const raw of ["", "dk_", "sk-abc", `${key}x`, key.slice(0, -1), ` ${key}`, key.replace("dk_", "DK_"), `dk_${"-".repeat(40)}`]) {
      expect(await resolveApiKey(raw), raw).toBeNull();
    }
    expect(await resolveApiKey(`dk_${"A".repeat(40)}`)).toBeNull();
  });

  it("refuses unknown models, naming them, and creates nothing", async () => {
    const owner = await seedUser();
    const membership = await db.membership.findFirstOrThrow({ where: { userId: owner.userId } });
    const error = await createApiKey({
      workspaceId: owner.workspaceId,
      membershipId: membership.id,
      createdById: owner.userId,
      name: "bad",
      models: ["darkroom-local", "no-such-model"],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_input");
    expect((error as AppError).message).toContain("no-such-model");
    expect(await db.apiKey.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);
  });

  it("refuses a membership of another workspace or user, a past expiry and a bad rate limit", async () => {
    const owner = await seedUser();
    const other = await seedUser();
    const otherMembership = await db.membership.findFirstOrThrow({ where: { userId: other.userId } });
    const base = { workspaceId: owner.workspaceId, membershipId: otherMembership.id, createdById: owner.userId, name: "x" };
    await expect(createApiKey(base)).rejects.toMatchObject({ code: "not_found" });
    const own = await db.membership.findFirstOrThrow({ where: { userId: owner.userId } });
    const ok = { ...base, membershipId: own.id };
    await expect(createApiKey({ ...ok, expiresAt: new Date(Date.now() - 1000) })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(createApiKey({ ...ok, rpm: 0 })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(createApiKey({ ...ok, name: "  " })).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("revocation takes effect at once in the revoking process and is idempotent", async () => {
    const created = await seedApiKey();
    expect(await resolveApiKey(created.key)).not.toBeNull();
    expect(await resolveApiKey(created.key)).not.toBeNull(); // cached now
    expect(await revokeApiKey({ id: created.id })).toEqual({ revoked: true });
    expect(await resolveApiKey(created.key)).toBeNull();
    const revokedAt = (await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).revokedAt;
    expect(revokedAt).toBeInstanceOf(Date);
    expect(await revokeApiKey({ id: created.id })).toEqual({ revoked: false });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toEqual(revokedAt);
    await expect(revokeApiKey({ id: randomUUID() })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeApiKey({ id: "not-a-uuid" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("revocation reaches other instances through NOTIFY", async () => {
    const created = await seedApiKey();
    const [a, b] = [await startInstance(), await startInstance()];
    await expectResolves(a.resolver, created.key);
    await expectResolves(b.resolver, created.key);
    await expectResolves(b.resolver, created.key);
    expect(b.lookups()).toBe(1); // served from b's cache: only a notification can make it forget

    await revokeApiKey({ id: created.id });
    await expect.poll(() => a.resolver.resolve(created.key)).toBeNull();
    await expect.poll(() => b.resolver.resolve(created.key)).toBeNull();
  });

  it("shares one database read among concurrent first requests for a key", async () => {
    const created = await seedApiKey();
    const instance = await startInstance();
    const results = await Promise.all(Array.from({ length: 20 }, () => instance.resolver.resolve(created.key)));
    expect(results.every((r) => r?.id === created.id)).toBe(true);
    expect(instance.lookups()).toBe(1);
  });

  it("only lets the key's own member or the workspace scope revoke it", async () => {
    const owner = await seedUser();
    const member = await seedMember(owner.workspaceId);
    const created = await seedApiKey({ owner });
    await expect(revokeApiKey({ id: created.id, workspaceId: owner.workspaceId, createdById: member.userId })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(revokeApiKey({ id: created.id, workspaceId: member.workspaceId })).rejects.toMatchObject({ code: "not_found" });
    expect(await revokeApiKey({ id: created.id, workspaceId: owner.workspaceId, createdById: owner.userId })).toEqual({ revoked: true });
  });

  it("bypasses the cache while the listener is disconnected, and trusts nothing cached before the gap", async () => {
    const created = await seedApiKey();
    const instance = await startInstance();
    await expectResolves(instance.resolver, created.key);
    const before = instance.listener.epoch(API_KEYS_CHANNEL);
    expect(before).not.toBeNull();

    await getPool().query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [instance.name]);
    await expect.poll(() => instance.listener.epoch(API_KEYS_CHANNEL)).not.toBe(before);
    // Revoked while (possibly) nobody listened: the entry cached under the old connection must not be served.
    await db.apiKey.update({ where: { id: created.id }, data: { revokedAt: new Date() } });
    expect(await instance.resolver.resolve(created.key)).toBeNull();
    await expect.poll(() => instance.listener.epoch(API_KEYS_CHANNEL)).not.toBeNull();
  });

  it("treats expired keys as unknown, also when cached", async () => {
    const created = await seedApiKey({ expiresAt: new Date(Date.now() + 60_000) });
    let now = Date.now();
    const listener = createNotificationListener({ connectionString: process.env.DATABASE_URL! });
    const resolver = createApiKeyResolver({ listener, now: () => now });
    opened.push(resolver, listener);
    await listener.ready(API_KEYS_CHANNEL);
    expect(await resolver.resolve(created.key)).not.toBeNull();
    now += 61_000;
    expect(await resolver.resolve(created.key)).toBeNull();

    const past = await seedApiKey();
    await db.apiKey.update({ where: { id: past.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveApiKey(past.key)).toBeNull();
  });

  it("stops a key when its creator leaves the workspace or is disabled, also in warm caches", async () => {
    const owner = await seedUser();
    const member = await seedMember(owner.workspaceId);
    const memberKey = await seedApiKey({ owner: { userId: member.userId, workspaceId: owner.workspaceId } });
    const disabledKey = await seedApiKey();
    const instance = await startInstance();
    await expectResolves(instance.resolver, memberKey.key);
    await expectResolves(instance.resolver, disabledKey.key);

    await db.membership.delete({ where: { id: member.membershipId } });
    await db.user.update({ where: { id: disabledKey.userId }, data: { disabled: true, disabledAt: new Date() } });
    await expect.poll(() => instance.resolver.resolve(memberKey.key)).toBeNull();
    await expect.poll(() => instance.resolver.resolve(disabledKey.key)).toBeNull();
    expect(await lookupApiKey(createHash("sha256").update(memberKey.key).digest("hex"))).toBeNull();
  });

  it("records last use at most once a minute per key", async () => {
    const created = await seedApiKey();
    const t0 = Date.now();
    expect(await touchApiKeyLastUsed(created.id, t0)).toBe(true);
    const first = (await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    expect(await touchApiKeyLastUsed(created.id, t0 + 30_000)).toBe(false);
    // Past the process throttle, the SQL guard still refuses a second write within the minute.
    expect(await touchApiKeyLastUsed(created.id, t0 + 61_000)).toBe(true);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toEqual(first);

    await db.apiKey.update({ where: { id: created.id }, data: { lastUsedAt: new Date(Date.now() - 120_000) } });
    expect(await touchApiKeyLastUsed(created.id, t0 + 122_000)).toBe(true);
    const later = (await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt!;
    expect(later.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("lists a workspace's keys only to its members, with status", async () => {
    const owner = await seedUser();
    const outsider = await seedUser();
    const active = await seedApiKey({ owner, name: "active" });
    const revoked = await seedApiKey({ owner, name: "revoked" });
    const expired = await seedApiKey({ owner, name: "expired", models: ["darkroom-local"] });
    await revokeApiKey({ id: revoked.id });
    await db.apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const listed = await listApiKeys({ userId: owner.userId }, owner.workspaceId);
    expect(listed.map((k) => [k.name, k.status])).toEqual([
      ["expired", "expired"],
      ["revoked", "revoked"],
      ["active", "active"],
    ]);
    expect(listed[0]).toMatchObject({ id: expired.id, prefix: expired.prefix, last4: expired.last4, models: ["darkroom-local"] });
    expect(listed[2]!.createdBy).toEqual({ id: owner.userId, name: "Test User", email: owner.email });
    expect(JSON.stringify(listed)).not.toContain(active.key);
    expect(await listApiKeys({ userId: outsider.userId }, owner.workspaceId)).toEqual([]);
    expect(await listApiKeys({ userId: owner.userId }, "nope")).toEqual([]);
  });

  it("lists only a member's own keys; keys.manage_any (admins) lists everyone's", async () => {
    const owner = await seedUser();
    const admin = await seedMember(owner.workspaceId, "admin");
    const member = await seedMember(owner.workspaceId, "member");
    const ownerKey = await seedApiKey({ owner, name: "owner's" });
    const memberKey = await seedApiKey({ owner: { userId: member.userId, workspaceId: owner.workspaceId }, name: "member's" });
    const ids = async (userId: string) => (await listApiKeys({ userId }, owner.workspaceId)).map((k) => k.id).sort();
    expect(await ids(member.userId)).toEqual([memberKey.id]);
    expect(await ids(admin.userId)).toEqual([ownerKey.id, memberKey.id].sort());
    expect(await ids(owner.userId)).toEqual([ownerKey.id, memberKey.id].sort());
    await db.membership.update({ where: { id: member.membershipId }, data: { role: "viewer" } });
    expect(await ids(member.userId)).toEqual([memberKey.id]);
  });
});
