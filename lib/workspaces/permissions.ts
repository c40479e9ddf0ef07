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
  // Everyone's usage in the workspace; without it, "usage.view" covers only the member's own.
  "usage.view_all",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSIONS_BY_ROLE: Record<WorkspaceRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  member: ["workspace.view", "credits.view", "images.create", "keys.manage", "usage.view"],
  viewer: ["workspace.view", "credits.view", "usage.view"],
};

export function can(role: WorkspaceRole, permission: Permission): boolean {
  return PERMISSIONS_BY_ROLE[role].includes(permission);
}
