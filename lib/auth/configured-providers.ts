import "server-only";
import { env } from "@/lib/env";

/** Ids of the OAuth providers that are configured, for the sign-in and sign-up pages. */
export function configuredOAuthProviders(): string[] {
  const ids: string[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) ids.push("github");
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) ids.push("google");
  return ids;
}
