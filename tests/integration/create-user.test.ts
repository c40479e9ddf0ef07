import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { createUser } from "@/lib/users/create-user";
import { isReservedSlug } from "@/lib/workspaces/reserved-slugs";
import { seedUser, uniqueEmail } from "../factories/users";

describe("createUser (sign-up path)", () => {
  it("creates the user, an owned personal workspace and the starting grant in the ledger", async () => {
    const user = await seedUser({ name: "Ada Lovelace" });
    const workspace = await db.workspace.findUniqueOrThrow({
      where: { id: user.workspaceId },
      include: { memberships: true, ledgerEntries: true },
    });
    expect(workspace.personal).toBe(true);
    expect(workspace.slug).toBe(user.workspaceSlug);
    expect(workspace.balance).toBe(env.DEFAULT_CREDITS);
    expect(workspace.held).toBe(0);
    expect(workspace.memberships).toEqual([expect.objectContaining({ userId: user.userId, role: "owner" })]);
    expect(workspace.ledgerEntries).toEqual([expect.objectContaining({ kind: "grant", amount: env.DEFAULT_CREDITS })]);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(stored.email).toBe(user.email);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("normalises the email and refuses a duplicate, creating nothing the second time", async () => {
    const email = uniqueEmail("dup");
    await createUser({ email, password: "password-1", emailVerified: true });
    const before = await db.workspace.count();
    const error = await createUser({ email: `  ${email.toUpperCase()} `, password: "password-2", emailVerified: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("conflict");
    expect((error as AppError).options.field).toBe("email");
    expect(await db.workspace.count()).toBe(before);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("never gives a workspace a reserved slug and keeps slugs unique", async () => {
    const a = await createUser({ email: uniqueEmail("x"), name: "Admin", password: "password-1", emailVerified: true });
    const b = await createUser({ email: uniqueEmail("y"), name: "Admin", password: "password-1", emailVerified: true });
    expect(isReservedSlug(a.workspaceSlug)).toBe(false);
    expect(a.workspaceSlug).not.toBe(b.workspaceSlug);
    expect(a.workspaceSlug).toMatch(/^admin-[0-9a-f]{6}$/);
  });

  it("creates admins only when asked (or by ADMIN_EMAILS / first account, see the CLI tests)", async () => {
    const admin = await seedUser({ admin: true });
    const regular = await seedUser();
    expect(admin.role).toBe("admin");
    expect(regular.role).toBe("user");
  });
});
