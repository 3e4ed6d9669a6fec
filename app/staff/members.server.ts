// A hospital's members as its staff settings see them (decision 038): their role codes, whether they are
// active, and the version of the membership for concurrent edits. Who a member is (name, e-mail) lives
// in the global users table, which the tenant scope cannot read: people-of.server.ts fetches that.
// Memberships are never deleted: a member who leaves is deactivated, and may be reactivated.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { memberships } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { updateVersioned } from "~/lib/concurrency.server";
import { keepingStaffManagers } from "./managers.server";
import { activeRoleCodes } from "./roles.server";
import { StaffRuleError } from "./staff-errors";

export type Member = {
  id: string;
  userId: string;
  roles: string[];
  active: boolean;
  deactivatedAt: Date | null;
  version: number;
};

const columns = {
  id: memberships.id,
  userId: memberships.userId,
  roles: memberships.roles,
  active: memberships.active,
  deactivatedAt: memberships.deactivatedAt,
  version: memberships.version,
};

/** Every membership of the hospital, active ones first (then oldest first). */
export async function listMembers(t: TenantTx): Promise<Member[]> {
  return t.db
    .select(columns)
    .from(memberships)
    .where(eq(memberships.tenantId, t.tenantId))
    .orderBy(desc(memberships.active), asc(memberships.createdAt), asc(memberships.id));
}

export async function getMember(t: TenantTx, id: string): Promise<Member | null> {
  if (!isUuid(id)) return null;
  const [row] = await t.db
    .select(columns)
    .from(memberships)
    .where(and(eq(memberships.tenantId, t.tenantId), eq(memberships.id, id)));
  return row ?? null;
}

function pick(row: typeof memberships.$inferSelect): Member {
  return { id: row.id, userId: row.userId, roles: row.roles, active: row.active, deactivatedAt: row.deactivatedAt, version: row.version };
}

/**
 * Gives a member exactly these roles, at the version the person read (StaleWriteError otherwise). Every
 * code must be an active role of this hospital, or one the member already holds ("unknownRole"); refused if no one could manage staff
 * afterwards ("lastManager"). Null when the hospital has no such membership.
 */
export async function changeMemberRoles(t: TenantTx, id: string, expectedVersion: number, roles: readonly string[]): Promise<Member | null> {
  if (!isUuid(id)) return null;
  const current = await getMember(t, id);
  if (!current) return null;
  const wanted = [...new Set(roles)].sort();
  // A role the member already holds may stay even if it was deactivated since (it grants nothing then).
  const known = await activeRoleCodes(t);
  const unknown = wanted.filter((code) => !known.has(code) && !current.roles.includes(code));
  if (unknown.length > 0) throw new StaffRuleError("unknownRole", `not an active role of this hospital: ${unknown.join(", ")}`);
  return keepingStaffManagers(t, async () => {
    const row = await updateVersioned(t, memberships, id, expectedVersion, { roles: wanted });
    return row && pick(row);
  });
}

/**
 * Deactivates a member: from their next request on the door treats them as a stranger (404). The caller
 * ends their sessions after this commits (app/auth: invalidateUserSessions). Refused for the last active
 * member able to manage staff, which includes an administrator deactivating themselves last.
 */
export async function deactivateMember(t: TenantTx, id: string, expectedVersion: number): Promise<Member | null> {
  if (!isUuid(id)) return null;
  return keepingStaffManagers(t, async () => {
    const row = await updateVersioned(t, memberships, id, expectedVersion, {
      active: false,
      deactivatedAt: sql`now()`,
      deactivatedBy: t.actor.userId,
    });
    return row && pick(row);
  });
}

/** Lets a deactivated member in again, with the roles they had. */
export async function reactivateMember(t: TenantTx, id: string, expectedVersion: number): Promise<Member | null> {
  if (!isUuid(id)) return null;
  const row = await updateVersioned(t, memberships, id, expectedVersion, { active: true, deactivatedAt: null, deactivatedBy: null });
  return row && pick(row);
}
