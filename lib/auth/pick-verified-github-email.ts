import { z } from "zod";

const githubEmails = z.array(
  z.object({ email: z.string(), verified: z.boolean().optional(), primary: z.boolean().optional() }).loose(),
);

/**
 * From GitHub's `/user/emails` answer, the address Darkroom may trust: the primary one if GitHub has verified
 * it, else the first verified one; null when none is verified (or the answer is not the documented list).
 * The profile's own `email` field is never used: GitHub does not say whether it is verified.
 */
export function pickVerifiedGitHubEmail(body: unknown): string | null {
  const parsed = githubEmails.safeParse(body);
  if (!parsed.success) return null;
  const verified = parsed.data.filter((e) => e.verified === true);
  return (verified.find((e) => e.primary === true) ?? verified[0])?.email ?? null;
}
