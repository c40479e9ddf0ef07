import "server-only";
import { redirect } from "next/navigation";
import { auth } from "./auth";

export type CurrentUser = {
  id: string;
  email: string;
  name: string | null;
  role: "admin" | "user";
  /** The user_sessions row of this browser (lib/auth/auth.ts). */
  sessionId?: string | null;
};

/** The signed-in user, or null. The jwt callback has already checked that the account exists and is enabled. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  const { id, email, name, role } = session.user;
  return { id, email, name: name ?? null, role, sessionId: session.sessionId ?? null };
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back here. */
export async function requireUser(returnTo?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  return user;
}
