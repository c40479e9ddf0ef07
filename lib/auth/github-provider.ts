import "server-only";
import GitHub from "next-auth/providers/github";
import { env } from "@/lib/env";
import { pickVerifiedGitHubEmail } from "./pick-verified-github-email";

const API_TIMEOUT_MS = 10_000;

/**
 * GitHub sign-in (github.com, or GitHub Enterprise Server at AUTH_GITHUB_ENTERPRISE_URL). Auth.js's own
 * profile request takes the profile's public email, or any address from the list when that is empty, verified
 * or not; ours always reads `/user/emails` and keeps only a verified address (`email_verified` on the profile
 * says whether one was found), because linking by email trusts it.
 */
export function githubProvider(clientId: string, clientSecret: string) {
  const enterprise = env.AUTH_GITHUB_ENTERPRISE_URL;
  const apiBase = enterprise ? `${enterprise}/api/v3` : "https://api.github.com";
  const get = (url: string, accessToken: string) =>
    fetch(url, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json", "User-Agent": "darkroom" },
      signal: AbortSignal.timeout(API_TIMEOUT_MS),
    });
  return GitHub({
    clientId,
    clientSecret,
    ...(enterprise ? { enterprise: { baseUrl: enterprise } } : {}),
    userinfo: {
      url: `${apiBase}/user`,
      async request({ tokens }: { tokens: { access_token?: string } }) {
        const accessToken = tokens.access_token ?? "";
        const profile = await get(`${apiBase}/user`, accessToken);
        if (!profile.ok) throw new Error(`GitHub answered ${profile.status} for the profile`);
        const body = (await profile.json()) as Record<string, unknown>;
        const emails = await get(`${apiBase}/user/emails`, accessToken);
        const email = emails.ok ? pickVerifiedGitHubEmail(await emails.json()) : null;
        return { ...body, email, email_verified: email !== null };
      },
    },
  });
}
