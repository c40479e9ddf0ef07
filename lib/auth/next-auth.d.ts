import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; role: "admin" | "user" };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: "admin" | "user";
    /** ms since epoch of the sign-in that issued this session (iat has only second precision). */
    signedInAt?: number;
  }
}
