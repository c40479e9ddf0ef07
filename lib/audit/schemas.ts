import { z } from "zod";

/** The families the audit page filters by (an action's part before the dot). */
export const AUDIT_FAMILIES = ["workspace", "invitation", "member", "ownership", "api_key", "credits", "assets", "user"] as const;

const lenient = <T,>(pick: (v: string) => T | null) =>
  z.string().optional().catch(undefined).transform((v) => (v ? pick(v) : null));

/** Audit page filters from search parameters; anything malformed is ignored, never an error page. */
export const auditSearchSchema = z.object({
  action: lenient((v) => (/^[a-z_]+(\.[a-z_]+)?$/.test(v) && v.length <= 60 ? v : null)),
  actor: lenient((v) => (/^[0-9a-f-]{36}$/i.test(v) ? v.toLowerCase() : null)),
  before: lenient((v) => (v.length <= 80 ? v : null)),
});
