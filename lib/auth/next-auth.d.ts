import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; role: "admin" | "user" };
    /** The user_sessions row this browser's token carries (the account page marks it "this device"). */
    sessionId?: string | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: "admin" | "user";
    /** ms since epoch of the sign-in that issued this session (iat has only second precision). */
    signedInAt?: number;
    /** The user_sessions row of this sign-in; a missing or revoked row ends the token. */
    sid?: string;
  }
}
