// A hospital's roles (decisions 018, 038): rows of hospital_roles, each a code, names in both languages
// and the permissions it holds, chosen from the code's vocabulary (app/auth/permissions.ts). Writes are
// audited by the table's trigger. Members hold role codes; a role is never deleted, only deactivated
// (its permissions then count for nobody).
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { hospitalRoles } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { isPermission, PERMISSIONS, type Permission } from "~/auth/permissions";
import { updateVersioned } from "~/lib/concurrency.server";
import { DEFAULT_ROLES, type RoleDefinition } from "./default-roles";
import { keepingStaffManagers } from "./managers.server";
import { ROLE_CODE } from "./role-code";
import { StaffRuleError } from "./staff-errors";

export type HospitalRole = {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  permissions: string[];
  active: boolean;
  version: number;
};


const columns = {
  id: hospitalRoles.id,
  code: hospitalRoles.code,
  nameVi: hospitalRoles.nameVi,
  nameEn: hospitalRoles.nameEn,
  permissions: hospitalRoles.permissions,
  active: hospitalRoles.active,
  version: hospitalRoles.version,
};

/** The permissions in the vocabulary's order, each once; refuses (StaffRuleError) any it does not know. */
export function knownPermissions(role: string, permissions: readonly string[]): Permission[] {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length > 0) {
    throw new StaffRuleError(
      "unknownPermission",
      `role "${role}" holds permission(s) the application does not know: ${unknown.join(", ")}. Known: ${Object.keys(PERMISSIONS).join(", ")}`,
    );
  }
  const held = new Set(permissions);
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => held.has(p));
}

function checkCode(code: string): void {
  if (!ROLE_CODE.test(code)) {
    throw new StaffRuleError("invalidCode", `role code "${code}" must be 1-40 lower-case letters, digits, "-" or "_", starting with a letter or digit`);
  }
}

/**
 * Writes these roles into the hospital (templates use this): a new code is inserted, an
 * existing one takes the given names and permissions and becomes active again. Every permission must be
 * known, checked for all roles before anything is written. Idempotent: a role already as given is not
 * touched (no new version, no audit entry). Refused if it would leave no one able to manage staff.
 */
export async function upsertRoles(t: TenantTx, roles: readonly RoleDefinition[]): Promise<void> {
  const rows = roles.map((role) => {
    checkCode(role.code);
    return { ...role, permissions: knownPermissions(role.code, role.permissions) };
  });
  if (rows.length === 0) return;
  await keepingStaffManagers(t, async () => {
    for (const role of rows) {
      await t.db
        .insert(hospitalRoles)
        .values({ tenantId: t.tenantId, code: role.code, nameVi: role.nameVi, nameEn: role.nameEn, permissions: role.permissions })
        .onConflictDoUpdate({
          target: [hospitalRoles.tenantId, hospitalRoles.code],
          set: {
            nameVi: sql`excluded.name_vi`,
            nameEn: sql`excluded.name_en`,
            permissions: sql`excluded.permissions`,
            active: true,
            version: sql`${hospitalRoles.version} + 1`,
          },
          setWhere: sql`(${hospitalRoles.nameVi}, ${hospitalRoles.nameEn}, ${hospitalRoles.permissions}, ${hospitalRoles.active})
            is distinct from (excluded.name_vi, excluded.name_en, excluded.permissions, true)`,
        });
    }
  });
}

/**
 * Gives a hospital the default role set (default-roles.ts) where it lacks a code; never changes a role
 * the hospital already has (it may have edited it). Idempotent: the demo seed, createHospital and the
 * test factories call it.
 */
export async function installDefaultRoles(t: TenantTx): Promise<void> {
  await t.db
    .insert(hospitalRoles)
    .values(DEFAULT_ROLES.map((role) => ({ tenantId: t.tenantId, code: role.code, nameVi: role.nameVi, nameEn: role.nameEn, permissions: [...role.permissions] })))
    .onConflictDoNothing({ target: [hospitalRoles.tenantId, hospitalRoles.code] });
}

/** Every role of the hospital, active ones first, then by code. */
export async function listRoles(t: TenantTx): Promise<HospitalRole[]> {
  return t.db
    .select(columns)
    .from(hospitalRoles)
    .where(eq(hospitalRoles.tenantId, t.tenantId))
    .orderBy(desc(hospitalRoles.active), asc(hospitalRoles.code));
}

export async function getRole(t: TenantTx, id: string): Promise<HospitalRole | null> {
  if (!isUuid(id)) return null;
  const [row] = await t.db
    .select(columns)
    .from(hospitalRoles)
    .where(and(eq(hospitalRoles.tenantId, t.tenantId), eq(hospitalRoles.id, id)));
  return row ?? null;
}

/** A new role. Refuses a code the hospital already uses (active or not) and unknown permissions. */
export async function createRole(t: TenantTx, role: RoleDefinition): Promise<HospitalRole> {
  checkCode(role.code);
  const permissions = knownPermissions(role.code, role.permissions);
  const [row] = await t.db
    .insert(hospitalRoles)
    .values({ tenantId: t.tenantId, code: role.code, nameVi: role.nameVi, nameEn: role.nameEn, permissions })
    .onConflictDoNothing({ target: [hospitalRoles.tenantId, hospitalRoles.code] })
    .returning(columns);
  if (!row) throw new StaffRuleError("codeTaken", `the hospital already has a role with code "${role.code}"`);
  return row;
}

export type RoleChange = { nameVi: string; nameEn: string; permissions: readonly string[] };

/**
 * Renames a role or changes what it holds, at the version the person read (StaleWriteError otherwise).
 * The code never changes: members hold it. Null when the hospital has no such role.
 */
export async function updateRole(t: TenantTx, id: string, expectedVersion: number, change: RoleChange): Promise<HospitalRole | null> {
  const existing = await getRole(t, id);
  if (!existing) return null;
  const permissions = knownPermissions(existing.code, change.permissions);
  return keepingStaffManagers(t, async () => {
    const row = await updateVersioned(t, hospitalRoles, id, expectedVersion, { nameVi: change.nameVi, nameEn: change.nameEn, permissions });
    return row && pick(row);
  });
}

/** Deactivates (its permissions stop counting for every member holding it) or reactivates a role. */
export async function setRoleActive(t: TenantTx, id: string, expectedVersion: number, active: boolean): Promise<HospitalRole | null> {
  if (!isUuid(id)) return null;
  return keepingStaffManagers(t, async () => {
    const row = await updateVersioned(t, hospitalRoles, id, expectedVersion, { active });
    return row && pick(row);
  });
}

function pick(row: typeof hospitalRoles.$inferSelect): HospitalRole {
  return { id: row.id, code: row.code, nameVi: row.nameVi, nameEn: row.nameEn, permissions: row.permissions, active: row.active, version: row.version };
}

/** The active roles' codes of this hospital, for validating a member's roles. */
export async function activeRoleCodes(t: TenantTx): Promise<Set<string>> {
  const rows = await t.db
    .select({ code: hospitalRoles.code })
    .from(hospitalRoles)
    .where(and(eq(hospitalRoles.tenantId, t.tenantId), eq(hospitalRoles.active, true)));
  return new Set(rows.map((r) => r.code));
}

/** Whether this hospital has an active role with this code (invitations, the staff CSV import). */
export async function isKnownRole(t: TenantTx, code: string): Promise<boolean> {
  return (await activeRoleCodes(t)).has(code);
}

/** The active roles' codes, offered in the invitation form, in the hospital's own order of roles. */
export async function listRoleCodes(t: TenantTx): Promise<string[]> {
  return (await listRoles(t)).filter((role) => role.active).map((role) => role.code);
}
