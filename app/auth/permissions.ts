// Permissions are data, checked in one place (docs/architecture.md §4; docs/decisions/017-permissions-as-data.md).
// Each permission says whether it reads or writes; a hospital that is not active (read-only) is refused
// every write permission because of that kind, never because of how the permission is spelled.
// Roles hold permissions. Adding a permission is one line here and one grant per role that holds it.
import type { StaffRole, TenantStatus } from "~db/schema";

export type PermissionKind = "read" | "write";

export type PermissionDefinition = {
  kind: PermissionKind;
  /** What the permission allows, for people (a key in the auth namespace), e.g. a future role editor. */
  description: string;
};

export const PERMISSIONS = {
  "patient:read": { kind: "read", description: "permissions.patientRead" },
  "patient:write": { kind: "write", description: "permissions.patientWrite" },
  "staff:manage": { kind: "write", description: "permissions.staffManage" },
} as const satisfies Record<string, PermissionDefinition>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLE_PERMISSIONS = {
  admin: ["patient:read", "patient:write", "staff:manage"],
  doctor: ["patient:read", "patient:write"],
  nurse: ["patient:read", "patient:write"],
  receptionist: ["patient:read", "patient:write"],
  pharmacist: ["patient:read"],
  cashier: ["patient:read"],
  lab: ["patient:read"],
} as const satisfies Record<StaffRole, readonly Permission[]>;

/** The two tables together: what each permission is, and which roles hold it. */
export type AccessPolicy<P extends string> = {
  permissions: Readonly<Record<P, PermissionDefinition>>;
  roles: Readonly<Record<StaffRole, readonly P[]>>;
};

export const ACCESS_POLICY: AccessPolicy<Permission> = { permissions: PERMISSIONS, roles: ROLE_PERMISSIONS };

/** Who is asking, as far as permissions go: their roles in a hospital, and that hospital's state. */
export type Access = { roles: readonly StaffRole[]; status: TenantStatus };

/**
 * Whether these roles grant the permission, and, for a write, whether the hospital is active. Billing
 * trouble degrades a hospital to read-only (docs/architecture.md §6): it keeps reading its records, writes nothing.
 */
export function allows<P extends string>(policy: AccessPolicy<P>, access: Access, permission: P): boolean {
  const granted = access.roles.some((role) => policy.roles[role]?.includes(permission));
  if (!granted) return false;
  return policy.permissions[permission].kind === "read" || access.status === "active";
}

export function isWritePermission(permission: Permission): boolean {
  return PERMISSIONS[permission].kind === "write";
}
