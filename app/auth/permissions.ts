// Permissions are data, checked in one place (docs/architecture.md §4; docs/decisions/017-permissions-as-data.md).
// Each permission has a kind, and the hospital's state decides which kinds it may use, never how the
// permission is spelled:
// - read: every state a member can enter (a read-only hospital keeps reading and printing);
// - setup: the hospital's own configuration (profile, staff, rooms, services), also while onboarding;
// - write: clinical and reception work, only once the hospital is live (trial or active).
// Roles hold permissions. Roles are the hospital's own data (hospital_roles, decisions 018 and 038); the
// vocabulary of permissions and each one's kind stay here, in code, because code checks them. Adding a
// permission is one line here and, if the default roles should hold it, one grant in ROLE_PERMISSIONS.
import type { DefaultStaffRole, TenantStatus } from "~db/schema";

export type PermissionKind = "read" | "setup" | "write";

export type PermissionDefinition = {
  kind: PermissionKind;
  /**
   * A read whose action records only that it was asked for (an export request): its action may open
   * the hospital's data in every state the read is allowed, a read-only hospital included (decision 053).
   */
  requestsOnly?: true;
  /** What the permission allows, for people (a key in the auth namespace), e.g. a future role editor. */
  description: string;
};

export const PERMISSIONS = {
  "patient:read": { kind: "read", description: "permissions.patientRead" },
  "patient:write": { kind: "write", description: "permissions.patientWrite" },
  // The visit, from the queue to the signed note (the outpatient workflow).
  "visit:read": { kind: "read", description: "permissions.visitRead" },
  "visit:register": { kind: "write", description: "permissions.visitRegister" },
  "vitals:write": { kind: "write", description: "permissions.vitalsWrite" },
  "note:write": { kind: "write", description: "permissions.noteWrite" },
  "order:write": { kind: "write", description: "permissions.orderWrite" },
  "result:write": { kind: "write", description: "permissions.resultWrite" },
  "prescription:write": { kind: "write", description: "permissions.prescriptionWrite" },
  "visit:sign": { kind: "write", description: "permissions.visitSign" },
  // The hospital's own set-up.
  "staff:manage": { kind: "setup", description: "permissions.staffManage" },
  "settings:manage": { kind: "setup", description: "permissions.settingsManage" },
  "audit:read": { kind: "read", description: "permissions.auditRead" },
  // The hospital's own data, exported to a ZIP archive (decision 053): a read, so a read-only hospital
  // can still take its data away; asking for an archive records the request and nothing else.
  "data:export": { kind: "read", description: "permissions.dataExport", requestsOnly: true },
} as const satisfies Record<string, PermissionDefinition>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether a string names a permission of the vocabulary (a role may hold only these, decision 018). */
export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/**
 * The default role set (decision 038): what a hospital created without a template gets, what the demo
 * installs and what migration 0011 gave every hospital that existed before roles became data. A
 * hospital's own roles live in hospital_roles; this table is never consulted at the door.
 */
export const ROLE_PERMISSIONS = {
  admin: ["patient:read", "patient:write", "visit:read", "visit:register", "staff:manage", "settings:manage", "audit:read", "data:export"],
  doctor: ["patient:read", "patient:write", "visit:read", "note:write", "order:write", "prescription:write", "visit:sign"],
  nurse: ["patient:read", "patient:write", "visit:read", "vitals:write"],
  receptionist: ["patient:read", "patient:write", "visit:read", "visit:register"],
  pharmacist: ["patient:read", "visit:read"],
  cashier: ["patient:read", "visit:read"],
  lab: ["patient:read", "visit:read", "result:write"],
  imaging: ["patient:read", "visit:read", "result:write"],
} as const satisfies Record<DefaultStaffRole, readonly Permission[]>;

/** What each permission is (its kind decides which hospital states may use it). */
export type AccessPolicy<P extends string> = {
  permissions: Readonly<Record<P, PermissionDefinition>>;
};

export const ACCESS_POLICY: AccessPolicy<Permission> = { permissions: PERMISSIONS };

/**
 * Who is asking, as far as permissions go: the permissions their active roles hold in a hospital (resolved
 * from hospital_roles by the membership lookup, in the same statement), and that hospital's state.
 */
export type Access = { permissions: readonly string[]; status: TenantStatus };

/** The permissions a set of roles holds in a role table (the default one unless told): a union. */
export function permissionsOfRoles(
  roles: readonly string[],
  table: Readonly<Record<string, readonly string[]>> = ROLE_PERMISSIONS,
): string[] {
  return [...new Set(roles.flatMap((role) => (Object.hasOwn(table, role) ? table[role]! : [])))].sort();
}

/** Which kinds of permission each state of a hospital may use (docs/architecture.md §6). */
export const KINDS_BY_STATUS: Readonly<Record<TenantStatus, readonly PermissionKind[]>> = {
  onboarding: ["read", "setup"],
  trial: ["read", "setup", "write"],
  active: ["read", "setup", "write"],
  read_only: ["read"],
  suspended: [],
};

/**
 * Whether the member holds the permission, and whether the hospital's state allows its kind. Billing
 * trouble degrades a hospital to read-only (docs/architecture.md §6): it keeps reading its records, writes
 * nothing; a hospital still onboarding configures itself but records nothing clinical.
 */
export function allows<P extends string>(policy: AccessPolicy<P>, access: Access, permission: P): boolean {
  if (!access.permissions.includes(permission)) return false;
  const definition = Object.hasOwn(policy.permissions, permission) ? policy.permissions[permission] : undefined;
  // A permission the vocabulary does not know is never granted, whatever a role row says.
  if (!definition) return false;
  return KINDS_BY_STATUS[access.status].includes(definition.kind);
}

/** A permission that changes data (setup or write): what an action must be guarded by. */
export function isWritePermission(permission: Permission): boolean {
  return PERMISSIONS[permission].kind !== "read";
}

/**
 * Whether an action guarded by this permission may open the hospital's data: a write or set-up
 * permission, or a read whose action only records a request (data:export, decision 053).
 */
export function opensInAction(permission: Permission): boolean {
  const definition: PermissionDefinition = PERMISSIONS[permission];
  return definition.kind !== "read" || definition.requestsOnly === true;
}
