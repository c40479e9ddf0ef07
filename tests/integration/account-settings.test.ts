import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { changePassword } from "@/lib/accounts/change-password";
import { deleteAccount, OwnsTeamsError } from "@/lib/accounts/delete-account";
import { listSignInMethods } from "@/lib/accounts/list-sign-in-methods";
import { unlinkSignInProvider } from "@/lib/accounts/unlink-sign-in-provider";
import { searchUsers } from "@/lib/admin/search-users";
import { attachOAuthAccount } from "@/lib/auth/attach-oauth-account";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { db } from "@/lib/db/client";
import { readSessionUser } from "@/lib/sessions/read-session-user";
import { startUserSession } from "@/lib/sessions/start-user-session";
import { getStorage } from "@/lib/storage/get-storage";
import { createUser } from "@/lib/users/create-user";
import { getMemberWorkspace } from "@/lib/workspaces/get-member-workspace";
import { purgeDeletedWorkspaces } from "@/lib/workspaces/purge-deleted-workspaces";
import { seedApiKey, seedMember } from "../factories/api-keys";
import { seedAsset } from "../factories/assets";
import { seedUser, uniqueEmail } from "../factories/users";

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const open = (userId: string) => startUserSession({ userId, userAgent: "Firefox on Linux", ipAddress: "127.0.0.1" });
const live = async (userId: string, sessionId: string) => (await readSessionUser(userId, sessionId))?.sessionLive;

/** A user who signed up with a provider only: no password, the given identities linked. */
async function oauthOnlyUser(providers: string[]) {
  const created = await createUser({ email: uniqueEmail("oauth"), name: "OAuth Person", emailVerified: true });
  for (const provider of providers) {
    expect(await attachOAuthAccount({ userId: created.userId }, { provider, providerAccountId: randomUUID() })).toBe(true);
  }
  return created;
}

describe("password change", () => {
  it("checks the current password, keeps this session and ends every other one", async () => {
    const user = await seedUser();
    const here = await open(user.userId);
    const elsewhere = [await open(user.userId), await open(user.userId)];
    await expect(changePassword({ userId: user.userId, sessionId: here }, { currentPassword: "not it", newPassword: "a brand new one" })).rejects.toMatchObject({
      code: "invalid_input",
      options: { field: "currentPassword" },
    });
    expect(await live(user.userId, elsewhere[0]!)).toBe(true);

    expect(await changePassword({ userId: user.userId, sessionId: here }, { currentPassword: user.password, newPassword: "a brand new one" })).toBe(2);
    expect(await live(user.userId, here)).toBe(true);
    for (const id of elsewhere) expect(await live(user.userId, id)).toBe(false);
    expect(await verifyCredentials({ email: user.email, password: user.password }, ip())).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: "a brand new one" }, ip())).toMatchObject({ id: user.userId });
  });

  it("lets someone without a password set a first one, without a current password", async () => {
    const person = await oauthOnlyUser(["github"]);
    const here = await open(person.userId);
    await changePassword({ userId: person.userId, sessionId: here }, { currentPassword: "", newPassword: "first password" });
    expect((await listSignInMethods({ userId: person.userId })).hasPassword).toBe(true);
  });
});

describe("sign-in providers", () => {
  it("never unlinks the last way in", async () => {
    const person = await oauthOnlyUser(["github"]);
    expect((await listSignInMethods({ userId: person.userId })).canUnlink).toBe(false);
    await expect(unlinkSignInProvider({ userId: person.userId }, "github")).rejects.toMatchObject({ code: "conflict" });
    expect(await db.account.count({ where: { userId: person.userId } })).toBe(1);
  });

  it("unlinks a spare provider, then refuses the remaining one; two unlinks at once can't both go", async () => {
    const person = await oauthOnlyUser(["github", "google"]);
    const results = await Promise.allSettled([
      unlinkSignInProvider({ userId: person.userId }, "github"),
      unlinkSignInProvider({ userId: person.userId }, "google"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toEqual([expect.objectContaining({ reason: expect.objectContaining({ code: "conflict" }) })]);
    expect(await db.account.count({ where: { userId: person.userId } })).toBe(1);
  });

  it("unlinks freely when a password is set", async () => {
    const user = await seedUser();
    await attachOAuthAccount({ userId: user.userId }, { provider: "github", providerAccountId: randomUUID() });
    await unlinkSignInProvider({ userId: user.userId }, "github");
    expect(await db.account.count({ where: { userId: user.userId } })).toBe(0);
  });

  it("doesn't attach an identity that belongs to someone else", async () => {
    const owner = await oauthOnlyUser([]);
    const other = await seedUser();
    const identity = { provider: "github", providerAccountId: randomUUID() };
    expect(await attachOAuthAccount({ userId: owner.userId }, identity)).toBe(true);
    expect(await attachOAuthAccount({ userId: other.userId }, identity)).toBe(false);
    expect(await db.account.findMany({ where: { providerAccountId: identity.providerAccountId }, select: { userId: true } })).toEqual([{ userId: owner.userId }]);
  });
});

describe("account deletion", () => {
  it("is refused while the person owns a team, naming it", async () => {
    const owner = await seedUser();
    const team = await db.workspace.create({ data: { slug: `t${randomUUID().slice(0, 8)}`, name: "Owned Team" }, select: { id: true } });
    await db.membership.create({ data: { workspaceId: team.id, userId: owner.userId, role: "owner" } });
    const refused = await deleteAccount({ userId: owner.userId }, owner.email).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OwnsTeamsError);
    expect((refused as OwnsTeamsError).message).toContain("Owned Team");
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.userId }, select: { deletedAt: true } })).toEqual({ deletedAt: null });
  });

  it("wants the email typed", async () => {
    const user = await seedUser();
    await expect(deleteAccount({ userId: user.userId }, "something else")).rejects.toMatchObject({ code: "invalid_input", options: { field: "confirmation" } });
  });

  it("purges the personal workspace's objects, leaves teams keeping the person's images, ends sessions and frees the email", async () => {
    const storage = getStorage();
    const leaverName = `Leaving Person ${randomUUID().slice(0, 8)}`;
    const person = await seedUser({ name: leaverName });
    const personalAsset = await seedAsset(person.workspaceId, { storage });
    const personalKey = await seedApiKey({ owner: { userId: person.userId, workspaceId: person.workspaceId } });
    // A team of someone else's where the person is a member and made an image.
    const teamOwner = await seedUser();
    const team = await db.workspace.create({ data: { slug: `t${randomUUID().slice(0, 8)}`, name: "Other Team" }, select: { id: true } });
    await db.membership.create({ data: { workspaceId: team.id, userId: teamOwner.userId, role: "owner" } });
    await db.membership.create({ data: { workspaceId: team.id, userId: person.userId, role: "member" } });
    const teamAsset = await seedAsset(team.id, { storage });
    await db.asset.update({ where: { id: teamAsset.id }, data: { createdById: person.userId } });
    await attachOAuthAccount({ userId: person.userId }, { provider: "github", providerAccountId: randomUUID() });
    const session = await open(person.userId);

    await deleteAccount({ userId: person.userId }, ` ${person.email.toUpperCase()} `);

    expect(await live(person.userId, session)).toBe(false);
    expect(await readSessionUser(person.userId, session)).toMatchObject({ disabled: true });
    expect(await getMemberWorkspace({ userId: person.userId }, person.workspaceSlug)).toBeNull();
    expect(await db.membership.count({ where: { userId: person.userId } })).toBe(0);
    expect(await db.account.count({ where: { userId: person.userId } })).toBe(0);
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: personalKey.id }, select: { revokedAt: true } })).not.toEqual({ revokedAt: null });
    expect(await verifyCredentials({ email: person.email, password: person.password }, ip())).toBeNull();

    while ((await purgeDeletedWorkspaces()) > 0);
    expect(await db.asset.count({ where: { workspaceId: person.workspaceId } })).toBe(0);
    expect(await storage.head(personalAsset.storageKey)).toBeNull();
    expect(await storage.head(personalAsset.thumbKey)).toBeNull();
    // The team keeps the image, still credited to the person's name.
    const kept = await db.$queryRaw<Array<{ name: string | null }>>`
      SELECT u.name FROM assets a JOIN users u ON u.id = a.created_by_id WHERE a.id = ${teamAsset.id}::uuid`;
    expect(kept).toEqual([{ name: leaverName }]);
    // Not a person in the admin console any more.
    expect(await searchUsers(leaverName)).toEqual([]);
    expect(await storage.head(teamAsset.storageKey)).not.toBeNull();

    // The address is free: signing up with it again makes a new, separate account.
    const again = await createUser({ email: person.email, password: "a new beginning", emailVerified: true });
    expect(again.userId).not.toBe(person.userId);
    expect(await verifyCredentials({ email: person.email, password: "a new beginning" }, ip())).toMatchObject({ id: again.userId });
  });

  it("takes a member out of workspaces that are not theirs (their keys there revoked) without touching them, even a personal one", async () => {
    const teamOwner = await seedUser();
    const member = await seedMember(teamOwner.workspaceId, "member");
    const key = await seedApiKey({ owner: { userId: member.userId, workspaceId: teamOwner.workspaceId } });
    await deleteAccount({ userId: member.userId }, member.email);
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { revokedAt: true } })).not.toEqual({ revokedAt: null });
    expect(await db.workspace.findUniqueOrThrow({ where: { id: teamOwner.workspaceId }, select: { deletedAt: true } })).toEqual({ deletedAt: null });
  });
});
