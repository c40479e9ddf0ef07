import "server-only";
import { headers } from "next/headers";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Google from "next-auth/providers/google";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { isAccountTokenError } from "@/lib/accounts/tokens/account-token-error";
import { verifyEmailLink } from "@/lib/accounts/verify-email-link";
import { logger } from "@/lib/log/logger";
import { readSessionUser } from "@/lib/sessions/read-session-user";
import { startUserSession } from "@/lib/sessions/start-user-session";
import { summarizeUserAgent } from "@/lib/sessions/summarize-user-agent";
import { attachOAuthAccount } from "./attach-oauth-account";
import { clientIpFrom } from "./client-ip";
import { githubProvider } from "./github-provider";
import { linkOAuthAccount } from "./link-oauth-account";
import { safeCallbackUrl } from "./safe-callback-url";
import { verifyCredentials } from "./verify-credentials";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Raised through Auth.js so the sign-in action can tell "slow down" from "wrong credentials". */
export class SignInRateLimited extends CredentialsSignin {
  override code = "rate_limited";
}

/** A verification link that did not work; `code` is the AccountTokenError's problem (unknown, used, expired). */
export class EmailLinkRefused extends CredentialsSignin {
  constructor(problem: string) {
    super();
    this.code = problem;
  }
}

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        try {
          return await verifyCredentials(credentials, clientIpFrom(request.headers));
        } catch (error) {
          if (isAppError(error) && error.code === "rate_limited") throw new SignInRateLimited();
          throw error;
        }
      },
    }),
    // The mailed verification link signs its owner in (lib/actions/auth/verify-email.ts posts the token here).
    Credentials({
      id: "email-link",
      name: "Email link",
      credentials: { token: {} },
      async authorize(credentials) {
        try {
          return await verifyEmailLink(typeof credentials.token === "string" ? credentials.token : "");
        } catch (error) {
          if (isAccountTokenError(error)) throw new EmailLinkRefused(error.problem);
          throw error;
        }
      },
    }),
  ];
  // Each OAuth provider appears only when it is configured.
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    list.push(githubProvider(env.AUTH_GITHUB_ID, env.AUTH_GITHUB_SECRET));
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    list.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
  }
  return list;
}

/** Device and address of the request that signs in, for the sessions list (absent outside a request). */
async function signInFacts(): Promise<{ userAgent: string | null; ipAddress: string | null }> {
  try {
    const h = await headers();
    return { userAgent: summarizeUserAgent(h.get("user-agent")), ipAddress: clientIpFrom(h) };
  } catch {
    return { userAgent: null, ipAddress: null };
  }
}

/** A user object that continues an existing session (linking a provider while signed in) rather than starting one. */
type SignInUser = { id?: string; sessionId?: string };

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  // AUTH_URL (derived from PUBLIC_URL in lib/env) fixes the origin in production, so the Host header is not
  // trusted there; development without PUBLIC_URL follows the request's host on purpose.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: providers(),
  callbacks: {
    // Every redirect Auth.js makes (sign-in, sign-out, OAuth) goes through the same gate as the pages' callbackUrl.
    redirect({ url, baseUrl }) {
      return `${new URL(baseUrl).origin}${safeCallbackUrl(url, "/", baseUrl)}`;
    },
    async signIn({ user, account, profile }) {
      if (!account || account.type === "credentials") return Boolean(user?.id);
      // Signed in already: this is "Connect" on the account page, so the identity joins the signed-in person (or
      // is refused when it belongs to someone else), whatever its email says, and the session carries on.
      const signedIn = await auth();
      if (signedIn?.user?.id) {
        const attached = await attachOAuthAccount(
          { userId: signedIn.user.id },
          { provider: account.provider, providerAccountId: account.providerAccountId },
        );
        if (!attached) return "/account?link=taken";
        user.id = signedIn.user.id;
        (user as SignInUser).sessionId = signedIn.sessionId ?? undefined;
        return true;
      }
      const result = await linkOAuthAccount({
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        email: profile?.email ?? user.email,
        // GitHub's profile carries our own check of its address list (lib/auth/github-provider.ts); Google's
        // id token carries the claim itself.
        emailVerified: profile?.email_verified === true,
        name: profile?.name ?? user.name,
      });
      // A refusal lands on the sign-in page, which explains it (OAUTH_ERRORS there).
      if (!result.ok) return `/sign-in?error=${result.reason}`;
      user.id = result.userId;
      return true;
    },
    // Runs on every request that reads the session: the user's current status and the token's session row decide
    // (one statement), so disabling an account, deleting it, or ending a session from the account page signs that
    // browser out on its next request.
    async jwt({ token, user }) {
      const userId = user?.id ?? token.sub;
      if (!userId) return null;
      let sessionId = token.sid;
      if (user) {
        sessionId = (user as SignInUser).sessionId ?? (await startUserSession({ userId, ...(await signInFacts()) }));
      }
      // Tokens from before sessions were recorded carry no id: they end, like a revoked one.
      if (typeof sessionId !== "string" || !UUID.test(sessionId)) return null;
      const current = await readSessionUser(userId, sessionId);
      if (!current || current.disabled || !current.sessionLive) return null;
      // A session issued before the account was last disabled stays dead after it is re-enabled.
      const signedInAt = user ? Date.now() : token.signedInAt;
      if (current.disabledAt && (typeof signedInAt !== "number" || signedInAt < current.disabledAt.getTime())) return null;
      return { ...token, sub: current.id, sid: sessionId, email: current.email, name: current.name, role: current.role, signedInAt };
    },
    async session({ session, token }) {
      if (token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role === "admin" ? "admin" : "user";
        session.sessionId = typeof token.sid === "string" ? token.sid : null;
      }
      return session;
    },
  },
  events: {
    // Signing out ends the session row too, so a copy of the cookie taken before is worthless.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.sub || typeof token.sid !== "string" || !UUID.test(token.sid)) return;
      await db.userSession
        .updateMany({ where: { id: token.sid, userId: token.sub, revokedAt: null }, data: { revokedAt: new Date() } })
        .catch((err: unknown) => logger.warn({ err }, "could not end the session row at sign-out"));
    },
  },
});
