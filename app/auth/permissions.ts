// Permissions are named strings checked in one place (DESIGN.md §4); roles grant them.
import type { StaffRole } from "~db/schema";

export const PERMISSIONS = ["patient:read", "patient:write", "staff:manage"] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<StaffRole, readonly Permission[]> = {
  admin: ["patient:read", "patient:write", "staff:manage"],
  doctor: ["patient:read", "patient:write"],
  nurse: ["patient:read", "patient:write"],
  receptionist: ["patient:read", "patient:write"],
  pharmacist: ["patient:read"],
  cashier: ["patient:read"],
  lab: ["patient:read"],
};

export function hasPermission(roles: readonly StaffRole[], permission: Permission): boolean {
  return roles.some((role) => GRANTS[role]?.includes(permission));
}

/** Permissions that change data; a hospital that is not active (read-only) has none of them. */
export function isWritePermission(permission: Permission): boolean {
  return permission.endsWith(":write") || permission.endsWith(":manage");
}
