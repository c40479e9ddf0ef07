// Every top-level route segment, and names we may want later: a workspace slug must never shadow them.
export const RESERVED_SLUGS = new Set([
  "admin", "api", "v1", "v2", "sign-in", "sign-up", "sign-out", "signin", "signup", "login", "logout",
  "register", "settings", "account", "auth", "_next", "static", "public", "assets", "files", "health",
  "studio", "gallery", "keys", "usage", "members", "billing", "docs", "help", "new", "invite", "invites",
  "workspaces", "workspace", "favicon.ico", "robots.txt", "sitemap.xml", "about", "pricing", "terms",
  "privacy", "status", "www", "app", "dashboard", "root", "system", "darkroom", "dev", "forgot-password",
  "reset-password",
]);

export function isReservedSlug(slug: string): boolean {
  return RESERVED_SLUGS.has(slug.toLowerCase());
}
