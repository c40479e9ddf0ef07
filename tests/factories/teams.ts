import { randomUUID } from "node:crypto";
import { grantCredits } from "@/lib/billing/grant-credits";
import { db } from "@/lib/db/client";
import { seedApiKey, seedMember } from "./api-keys";
import { seedUser } from "./users";

/** A team with credits to spend: its owner (and the owner's membership), a member, and an API key of the owner's. */
export async function seedTeamWithKey() {
  const owner = await seedUser();
  await grantCredits({ workspaceId: owner.workspaceId, amount: 100_000, opId: `grant:${randomUUID()}` });
  const ownerMembership = await db.membership.findFirstOrThrow({ where: { userId: owner.userId, workspaceId: owner.workspaceId } });
  const member = await seedMember(owner.workspaceId);
  const key = await seedApiKey({ owner });
  return { owner, ownerMembershipId: ownerMembership.id, member, key };
}
