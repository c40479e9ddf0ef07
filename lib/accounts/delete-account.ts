import "server-only";
import { lockActiveAdmins } from "@/lib/admin/lock-active-admins";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { finishStoppedWork } from "@/lib/workspaces/finish-stopped-work";
import { stopMemberWork, type StoppedWork } from "@/lib/workspaces/stop-member-work";

type Tx = Prisma.TransactionClient;
type Membership = { workspaceId: string; slug: string; name: string; personal: boolean; role: string };

/** Thrown when the person still owns teams; the page lists them (each needs a new owner or deleting first). */
export class OwnsTeamsError extends AppError {
  constructor(readonly teams: Array<{ slug: string; name: string }>) {
    super("conflict", `Transfer or delete the teams you own first: ${teams.map((t) => t.name).join(", ")}.`);
  }
}

/**
 * Deletes the caller's account in one transaction: their personal workspace goes like a deleted team (access ends
 * now, its images and edits are purged by `purgeDeletedWorkspaces`), their memberships of other teams end (their
 * images there stay, credited to their name), sessions end, linked providers go, and the user row stays as a
 * tombstone whose email is freed. Refused while they own a team, or when they are the last platform admin.
 */
export async function deleteAccount(caller: { userId: string }, confirmation: string): Promise<void> {
  const stopped = await db.$transaction(async (tx) => {
    const users = await tx.$queryRaw<Array<{ email: string; role: string }>>`
      SELECT email, role FROM users WHERE id = ${caller.userId}::uuid AND deleted_at IS NULL FOR UPDATE`;
    const user = users[0];
    if (!user) throw new AppError("unauthenticated", "Sign in again to continue.");
    if (confirmation.trim().toLowerCase() !== user.email) {
      throw new AppError("invalid_input", `Type ${user.email} to confirm.`, { field: "confirmation" });
    }
    if (user.role === "admin") {
      const admins = await lockActiveAdmins(tx);
      if (admins.length === 1 && admins[0] === caller.userId) {
        throw new AppError("conflict", "You are the last platform admin. Promote someone else first.");
      }
    }
    const memberships = await lockMemberships(tx, caller.userId);
    const owned = memberships.filter((m) => !m.personal && m.role === "owner");
    if (owned.length > 0) throw new OwnsTeamsError(owned.map(({ slug, name }) => ({ slug, name })));

    const work: StoppedWork[] = [];
    // Their own personal workspace is the one they own; anyone else's they only leave.
    for (const m of memberships) {
      work.push(await (m.personal && m.role === "owner" ? closePersonalWorkspace(tx, m, caller.userId) : leaveTeam(tx, m, caller.userId)));
    }
    await tx.userSession.updateMany({ where: { userId: caller.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.account.deleteMany({ where: { userId: caller.userId } });
    // Disabled as well, so every check that already refuses disabled people (keys, sign-in) refuses this one.
    await tx.$executeRaw`
      UPDATE users SET email = 'deleted-' || id::text || '@deleted.invalid', name = COALESCE(name, 'Deleted user'),
             password_hash = NULL, role = 'user', disabled = true, disabled_at = now(), deleted_at = now(), updated_at = now()
       WHERE id = ${caller.userId}::uuid`;
    await tx.auditLog.create({ data: { actorId: caller.userId, action: "user.deleted", target: caller.userId } });
    return work;
  });
  for (const work of stopped) await finishStoppedWork(work);
}

/**
 * Locks the workspaces first (the order every membership change uses, so no deadlock with a transfer), then reads
 * the roles in a statement of its own: it must see an ownership transfer that committed while it waited.
 */
async function lockMemberships(tx: Tx, userId: string): Promise<Membership[]> {
  await tx.$queryRaw`
    SELECT w.id FROM workspaces w JOIN memberships m ON m.workspace_id = w.id
     WHERE m.user_id = ${userId}::uuid AND w.deleted_at IS NULL ORDER BY w.id FOR UPDATE OF w`;
  return tx.$queryRaw<Membership[]>`
    SELECT w.id AS "workspaceId", w.slug, w.name, w.personal, m.role::text AS role
      FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
     WHERE m.user_id = ${userId}::uuid AND w.deleted_at IS NULL ORDER BY w.id`;
}

async function closePersonalWorkspace(tx: Tx, m: Membership, actorId: string): Promise<StoppedWork> {
  const work = await stopMemberWork(tx, { workspaceId: m.workspaceId, userId: null, actorId });
  await tx.invitation.deleteMany({ where: { workspaceId: m.workspaceId } });
  await tx.slugRedirect.deleteMany({ where: { workspaceId: m.workspaceId } });
  await tx.membership.deleteMany({ where: { workspaceId: m.workspaceId } });
  await tx.$executeRaw`
    UPDATE workspaces SET deleted_at = now(), slug = 'deleted-' || id::text WHERE id = ${m.workspaceId}::uuid`;
  await tx.auditLog.create({ data: { actorId, workspaceId: m.workspaceId, action: "workspace.deleted", data: { slug: m.slug, reason: "account deleted" } } });
  return work;
}

async function leaveTeam(tx: Tx, m: Membership, userId: string): Promise<StoppedWork> {
  const work = await stopMemberWork(tx, { workspaceId: m.workspaceId, userId, actorId: userId });
  await tx.membership.deleteMany({ where: { workspaceId: m.workspaceId, userId } });
  await tx.auditLog.create({ data: { actorId: userId, workspaceId: m.workspaceId, action: "member.left", target: userId, data: { reason: "account deleted" } } });
  return work;
}
