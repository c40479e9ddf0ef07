import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { grantCredits } from "@/lib/billing/grant-credits";
import { hashPassword } from "@/lib/auth/password";
import { slugCandidates } from "@/lib/workspaces/make-slug";
import type { PlatformRole } from "@/lib/db/generated/client";

export type CreateUserInput = {
  email: string;
  name?: string | null;
  /** Absent for accounts created through an OAuth provider. */
  password?: string | null;
  /** The CLI may create admins; sign-up never passes this. */
  admin?: boolean;
  /**
   * Whether the address is known to be the person's (a provider verified it, or an operator created the
   * account). An unverified account starts on trial: TRIAL_CREDITS now, the rest of DEFAULT_CREDITS owed
   * until `verifyEmail`, and no admin role from ADMIN_EMAILS.
   */
  emailVerified: boolean;
};

export type CreatedUser = { userId: string; workspaceId: string; workspaceSlug: string; role: PlatformRole };

/**
 * Creates the user, their personal workspace, the owner membership and the starting credit grant in one
 * transaction: a failure leaves nothing half-created.
 */
export async function createUser(input: CreateUserInput): Promise<CreatedUser> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const name = input.name?.trim() || null;
  // A slug taken between our check and our insert aborts the transaction; a fresh attempt picks another.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const role = input.admin || (await becomesAdmin(tx, email, input.emailVerified)) ? "admin" : "user";
        const startingCredits = input.emailVerified ? env.DEFAULT_CREDITS : Math.min(env.TRIAL_CREDITS, env.DEFAULT_CREDITS);
        const user = await tx.user.create({
          data: {
            email,
            name,
            passwordHash,
            role,
            emailVerifiedAt: input.emailVerified ? new Date() : null,
            welcomeCreditsDue: env.DEFAULT_CREDITS - startingCredits,
          },
          select: { id: true },
        });
        const candidates = slugCandidates(name ?? email.split("@")[0] ?? "workspace");
        const taken = await tx.workspace.findMany({ where: { slug: { in: candidates } }, select: { slug: true } });
        const slug = candidates.find((c) => !taken.some((t) => t.slug === c)) ?? candidates.at(-1)!;
        const workspace = await tx.workspace.create({
          data: {
            slug,
            name: name ? `${name}'s workspace` : "Personal",
            personal: true,
            memberships: { create: { userId: user.id, role: "owner" } },
          },
          select: { id: true, slug: true },
        });
        if (startingCredits > 0) {
          await grantCredits(
            {
              workspaceId: workspace.id,
              amount: startingCredits,
              opId: `signup:${randomUUID()}`,
              note: input.emailVerified ? "Welcome credits" : "Trial credits (the rest on email verification)",
            },
            tx,
          );
        }
        await tx.auditLog.create({
          data: { actorId: user.id, workspaceId: workspace.id, action: "user.created", target: user.id, data: { role } },
        });
        return { userId: user.id, workspaceId: workspace.id, workspaceSlug: workspace.slug, role };
      });
    } catch (error) {
      if (isUniqueViolation(error, "email")) {
        throw new AppError("conflict", "An account with this email already exists", { field: "email" });
      }
      if (!isUniqueViolation(error, "slug")) throw error;
    }
  }
  throw new AppError("internal", "Could not choose a workspace address");
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

// Development: the first account administers the instance. Production: only ADMIN_EMAILS, so nobody can
// take over a fresh deployment by signing up first, and only once the address is verified (verifyEmail
// promotes it then), so signing up as an admin's address before they do gains nothing.
async function becomesAdmin(tx: Tx, email: string, emailVerified: boolean): Promise<boolean> {
  if (emailVerified && env.ADMIN_EMAILS.includes(email)) return true;
  if (env.NODE_ENV === "production") return false;
  // Serialises concurrent first sign-ups so exactly one of them sees an empty table.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('darkroom:first-user'))`;
  return (await tx.user.count()) === 0;
}
