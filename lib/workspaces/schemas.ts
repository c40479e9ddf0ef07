import { z } from "zod";
import { emailField } from "@/lib/auth/schemas";
import { SLUG_PATTERN } from "./make-slug";
import { isReservedSlug } from "./reserved-slugs";

export const workspaceNameField = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(80, "Use at most 80 characters");

export const workspaceSlugField = z
  .string({ error: "Enter an address" })
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters")
  .max(40, "Use at most 40 characters")
  .regex(SLUG_PATTERN, "Use lowercase letters, digits and single hyphens, starting and ending with a letter or digit")
  .refine((slug) => !isReservedSlug(slug), "This address is reserved; choose another");

export const createWorkspaceSchema = z.object({
  name: workspaceNameField,
  // Empty: made from the name.
  slug: z.union([z.literal(""), workspaceSlugField]).optional().transform((v) => v || undefined),
});

/** Every workspace form names the workspace by the slug it was rendered with (not yet verified). */
const workspaceRef = { workspace: z.string().min(1).max(100) };

export const renameWorkspaceSchema = z.object({ ...workspaceRef, name: workspaceNameField });
export const changeWorkspaceSlugSchema = z.object({ ...workspaceRef, slug: workspaceSlugField });
export const deleteWorkspaceSchema = z.object({ ...workspaceRef, confirmation: z.string().trim().max(100) });

export const invitableRole = z.enum(["admin", "member", "viewer"], { error: "Choose a role" });

export const inviteMemberSchema = z.object({ ...workspaceRef, email: emailField, role: invitableRole });
export const invitationRefSchema = z.object({ ...workspaceRef, id: z.string().uuid("Unknown invitation") });

export const memberRefSchema = z.object({ ...workspaceRef, id: z.string().uuid("Unknown member") });
export const changeMemberRoleSchema = memberRefSchema.extend({ role: invitableRole });
export const setMemberLimitSchema = memberRefSchema.extend({
  // Empty: no limit.
  limit: z
    .string()
    .trim()
    .max(12, "Enter a whole number of credits")
    .regex(/^\d*$/, "Enter a whole number of credits, or leave empty for no limit")
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || v <= 1_000_000_000, "At most 1,000,000,000 credits"),
});
export const leaveWorkspaceSchema = z.object(workspaceRef);
