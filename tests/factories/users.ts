import { randomUUID } from "node:crypto";
import { createUser, type CreatedUser } from "@/lib/users/create-user";

export const TEST_PASSWORD = "correct horse battery";

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A user with a personal workspace, made through the same path as sign-up. */
export async function seedUser(overrides: { email?: string; name?: string; password?: string; admin?: boolean; emailVerified?: boolean } = {}) {
  const email = overrides.email ?? uniqueEmail();
  const created: CreatedUser = await createUser({
    email,
    name: overrides.name ?? "Test User",
    password: overrides.password ?? TEST_PASSWORD,
    admin: overrides.admin,
    // An established account unless a test is about verification.
    emailVerified: overrides.emailVerified ?? true,
  });
  return { ...created, email, password: overrides.password ?? TEST_PASSWORD };
}
