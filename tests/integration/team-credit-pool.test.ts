import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { admit } from "@/lib/billing/admit";
import { checkLedger } from "@/lib/billing/check-ledger";
import { grantCredits } from "@/lib/billing/grant-credits";
import { db } from "@/lib/db/client";
import { setMemberLimit } from "@/lib/members/set-member-limit";
import { createTeamWorkspace } from "@/lib/workspaces/create-team-workspace";
import { seedMember } from "../factories/api-keys";
import { seedUser } from "../factories/users";

const PRICES = { perRequest: 60, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 };

const request = (workspaceId: string, member: { membershipId: string; userId: string }, amount: number) =>
  admit({ workspaceId, membershipId: member.membershipId, userId: member.userId, apiKeyId: null, amount, prices: PRICES, requestId: `req_${randomUUID()}`, source: "studio", model: "darkroom-local" });

describe("a team's shared credit pool", () => {
  it("admits exactly one of two members racing for a pool with room for one", async () => {
    for (let round = 0; round < 10; round++) {
      const owner = await seedUser();
      const team = await createTeamWorkspace({ userId: owner.userId }, { name: `Pool ${round}` });
      await grantCredits({ workspaceId: team.id, amount: 100, opId: `test:${randomUUID()}` });
      const [a, b] = await Promise.all([seedMember(team.id, "member"), seedMember(team.id, "member")]);
      const results = await Promise.all([request(team.id, a, 60), request(team.id, b, 60)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, refusal: "insufficient_credits" });
      expect(await db.workspace.findUniqueOrThrow({ where: { id: team.id }, select: { held: true } })).toEqual({ held: 60 });
    }
    expect((await checkLedger()).ok).toBe(true);
  });

  it("holds a member to their own limit while others still draw on the pool", async () => {
    const owner = await seedUser();
    const team = await createTeamWorkspace({ userId: owner.userId }, { name: "Limits" });
    await grantCredits({ workspaceId: team.id, amount: 1000, opId: `test:${randomUUID()}` });
    const capped = await seedMember(team.id, "member");
    const free = await seedMember(team.id, "member");
    await setMemberLimit({ userId: owner.userId, workspaceId: team.id }, capped.membershipId, 100);
    const racing = await Promise.all(Array.from({ length: 5 }, () => request(team.id, capped, 60)));
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => !r.ok).every((r) => !r.ok && r.refusal === "member_limit")).toBe(true);
    expect((await request(team.id, free, 60)).ok).toBe(true);
  });
});
