import type { WorkspaceRole } from "@/lib/db/generated/client";

// Code asks for a permission, never for a role name: changing who may do what is a change to this table.
export const PERMISSIONS = [
  "workspace.view",
  "workspace.edit",
  "members.manage",
  "credits.view",
  "images.create",
  "images.delete_any",
  "keys.manage",
  // Revoke any key of the workspace; without it, "keys.manage" covers only the member's own keys.
  "keys.manage_any",
  "usage.view",
  // Read every member's usage and the audit log.
  "audit.view",
  // Owner only: delete the team, hand ownership to another member.
  "workspace.delete",
  "ownership.transfer",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSIONS_BY_ROLE: Record<WorkspaceRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS.filter((p) => p !== "workspace.delete" && p !== "ownership.transfer"),
  member: ["workspace.view", "credits.view", "images.create", "keys.manage", "usage.view"],
  viewer: ["workspace.view", "credits.view", "usage.view"],
};

export function can(role: WorkspaceRole, permission: Permission): boolean {
  return PERMISSIONS_BY_ROLE[role].includes(permission);
}

/** The roles that have a permission: for queries that repeat the check in SQL (`role = ANY(...)`). */
export function rolesWith(permission: Permission): WorkspaceRole[] {
  return (Object.keys(PERMISSIONS_BY_ROLE) as WorkspaceRole[]).filter((role) => can(role, permission));
}
