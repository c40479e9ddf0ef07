import "server-only";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { findPlatformAdmin } from "./find-platform-admin";

/**
 * For admin pages: the signed-in platform admin, or the not-found page for everyone else (signed out included),
 * so the console's existence is not advertised.
 */
export async function requirePlatformAdminPage(): Promise<{ id: string; email: string }> {
  const user = await getCurrentUser();
  const admin = user ? await findPlatformAdmin(user.id) : null;
  if (!admin) notFound();
  return admin;
}
