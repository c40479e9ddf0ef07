import { describe, expect, it } from "vitest";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { db } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { setMemberLimit } from "@/lib/members/set-member-limit";
import { createTeamWorkspace } from "@/lib/workspaces/create-team-workspace";
import { seedMember } from "../factories/api-keys";
import { seedUser } from "../factories/users";

describe("audit log", () => {
  it("lists a team's entries newest first for admins, filtered by family and actor, page by page; nothing for others", async () => {
    const owner = await seedUser({ name: "Owen" });
    const team = await createTeamWorkspace({ userId: owner.userId }, { name: "Audited" });
    const admin = await seedMember(team.id, "admin");
    const member = await seedMember(team.id, "member");
    const viewer = await seedMember(team.id, "viewer");
    const outsider = await seedUser();
    const ownerCaller = { userId: owner.userId, workspaceId: team.id };
    await setMemberLimit(ownerCaller, member.membershipId, 100);
    await changeMemberRole({ userId: admin.userId, workspaceId: team.id }, viewer.membershipId, "member");
    await setMemberLimit({ userId: admin.userId, workspaceId: team.id }, viewer.membershipId, 5);
    // Another team's entries never show.
    const other = await createTeamWorkspace({ userId: outsider.userId }, { name: "Elsewhere" });

    const all = await listAuditLog({ userId: admin.userId, workspaceId: team.id });
    expect(all.entries.map((e) => e.action)).toEqual(["member.limit_changed", "member.role_changed", "member.limit_changed", "workspace.created"]);
    expect(all.entries.at(-1)).toMatchObject({ actorName: "Owen", actorEmail: owner.email });
    expect(all.entries[1]).toMatchObject({ action: "member.role_changed", target: viewer.userId, targetName: "Test User" });
    expect(all.next).toBeNull();

    const limits = await listAuditLog(ownerCaller, { action: "member.limit_changed" });
    expect(limits.entries).toHaveLength(2);
    const family = await listAuditLog(ownerCaller, { action: "member" });
    expect(family.entries).toHaveLength(3);
    const byAdmin = await listAuditLog(ownerCaller, { actorId: admin.userId });
    expect(byAdmin.entries.map((e) => e.action)).toEqual(["member.limit_changed", "member.role_changed"]);

    const first = await listAuditLog(ownerCaller, { limit: 3 });
    expect(first.next).not.toBeNull();
    const second = await listAuditLog(ownerCaller, { limit: 3, before: first.next! });
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(all.entries.map((e) => e.id));
    expect(second.next).toBeNull();

    for (const who of [member, viewer, outsider]) {
      expect((await listAuditLog({ userId: who.userId, workspaceId: team.id })).entries).toEqual([]);
    }
    // The outsider's own team's log holds only their team's entries.
    expect((await listAuditLog({ userId: outsider.userId, workspaceId: other.id })).entries.map((e) => e.action)).toEqual(["workspace.created"]);
    expect(await db.auditLog.count({ where: { workspaceId: team.id } })).toBe(4);
  });
});
