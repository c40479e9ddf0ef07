import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { createApiKeyAction } from "@/lib/actions/keys/create-api-key";
import { revokeApiKeyAction } from "@/lib/actions/keys/revoke-api-key";
import { resolveApiKey } from "@/lib/gateway/keys/resolve-api-key";
import { seedApiKey, seedMember } from "../factories/api-keys";
import { seedUser } from "../factories/users";

// The session is Auth.js's business (tested elsewhere); here the signed-in user is whoever the test says.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

function signIn(user: { userId: string; email: string }) {
  session.user = { id: user.userId, email: user.email, name: null, role: "user" };
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

const idle = { status: "idle" as const };

beforeEach(() => {
  session.user = null;
});

describe("API key actions", () => {
  it("creates a key with an allow-list, expiry and rate limit, and returns it once", async () => {
    const owner = await seedUser();
    signIn(owner);
    const state = await createApiKeyAction(
      idle,
      form({ workspace: owner.workspaceSlug.toUpperCase(), name: " Zapier ", models: ["darkroom-local"], expiresAt: "2099-12-31", rpm: "60" }),
    );
    expect(state).toMatchObject({ status: "success", created: { name: "Zapier", models: ["darkroom-local"] } });
    const resolved = await resolveApiKey(state.created!.key);
    expect(resolved).toMatchObject({ workspaceId: owner.workspaceId, userId: owner.userId, models: ["darkroom-local"], rpm: 60 });
    expect(resolved?.expiresAt).toEqual(new Date("2100-01-01T00:00:00.000Z"));
  });

  it("validates before anything else and keeps what was typed", async () => {
    const state = await createApiKeyAction(idle, form({ workspace: "whatever", name: "", rpm: "1.5", expiresAt: "2000-01-01", models: ["a", "b"] }));
    expect(state.status).toBe("error");
    expect(Object.keys(state.fieldErrors ?? {}).sort()).toEqual(["expiresAt", "name", "rpm"]);
    expect(state.values).toEqual({ name: "", models: "a,b", expiresAt: "2000-01-01", rpm: "1.5" });
  });

  it("refuses without a session, outside the workspace, for viewers, and unknown models", async () => {
    const owner = await seedUser();
    const outsider = await seedUser();
    const viewer = await seedMember(owner.workspaceId, "viewer");
    const input = { workspace: owner.workspaceSlug, name: "k" };
    expect(await createApiKeyAction(idle, form(input))).toMatchObject({ status: "error", message: expect.stringMatching(/Sign in/) });
    signIn(outsider);
    expect(await createApiKeyAction(idle, form(input))).toMatchObject({ status: "error", message: expect.stringMatching(/no longer a member|doesn't exist/) });
    signIn(viewer);
    expect(await createApiKeyAction(idle, form(input))).toMatchObject({ status: "error", message: expect.stringMatching(/role/) });
    signIn(owner);
    const unknown = await createApiKeyAction(idle, form({ ...input, models: ["nope-model"] }));
    expect(unknown.fieldErrors?.models?.[0]).toMatch(/nope-model/);
    expect(await db.apiKey.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);
  });

  it("lets members revoke their own keys and admins any key of their workspace only", async () => {
    const owner = await seedUser();
    const member = await seedMember(owner.workspaceId, "member");
    const admin = await seedMember(owner.workspaceId, "admin");
    const ownersKey = await seedApiKey({ owner });
    const membersKey = await seedApiKey({ owner: { userId: member.userId, workspaceId: owner.workspaceId } });
    const elsewhere = await seedApiKey();
    const revoke = (id: string, workspace = owner.workspaceSlug) => revokeApiKeyAction(idle, form({ workspace, id }));

    signIn(member);
    expect(await revoke(ownersKey.id)).toMatchObject({ status: "error", message: "API key not found" });
    expect(await revoke(membersKey.id)).toMatchObject({ status: "success" });
    expect(await resolveApiKey(membersKey.key)).toBeNull();

    signIn(admin);
    expect(await revoke(elsewhere.id)).toMatchObject({ status: "error", message: "API key not found" });
    expect(await resolveApiKey(elsewhere.key)).not.toBeNull();
    expect(await revoke(ownersKey.id)).toMatchObject({ status: "success" });
    expect(await resolveApiKey(ownersKey.key)).toBeNull();
    expect(await revoke("not-a-uuid")).toMatchObject({ status: "error", fieldErrors: { id: ["Unknown key."] } });
  });
});
