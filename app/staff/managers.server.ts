// No hospital locks itself out (decision 018, 038): a change to staff or roles that would leave no active
// member holding staff:manage is refused, whoever makes it and however (a member's roles, a deactivation,
// a role's permissions, a role's deactivation, a template's roles).
//
// keepingStaffManagers(t, change) takes a per-hospital transaction lock first, so two administrators
// removing each other at the same moment are serialised and the second sees the first's commit; it then
// runs the change and counts the managers left. Refusing throws, which rolls the change back with the
// transaction.
import { sql } from "drizzle-orm";
import { hospitalRoles, memberships } from "~db/schema";
import { rowsOf, type TenantTx } from "~db/scope.server";
import { StaffRuleError } from "./staff-errors";

export const STAFF_MANAGER_PERMISSION = "staff:manage";

/** Serialises this hospital's staff and role changes until the transaction ends. */
async function lockStaffChanges(t: TenantTx): Promise<void> {
  await t.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`staff-and-roles:${t.tenantId}`}, 0))`);
}

/** Active members whose active roles hold staff:manage. */
export async function countStaffManagers(t: TenantTx): Promise<number> {
  const [row] = rowsOf<{ managers: number }>(
    await t.db.execute(sql`
      select count(*)::int as managers from ${memberships} as m
      where m.tenant_id = ${t.tenantId} and m.active and exists (
        select 1 from ${hospitalRoles} as r
        where r.tenant_id = m.tenant_id and r.active and r.code = any(m.roles)
          and ${STAFF_MANAGER_PERMISSION} = any(r.permissions))`),
  );
  return row?.managers ?? 0;
}

/**
 * Runs a staff or role change, refusing it (StaffRuleError "lastManager") if the hospital had someone who
 * could manage staff before and would have nobody after. A hospital with no manager yet (being set up)
 * may still change.
 */
export async function keepingStaffManagers<T>(t: TenantTx, change: () => Promise<T>): Promise<T> {
  await lockStaffChanges(t);
  const before = await countStaffManagers(t);
  const result = await change();
  if (before > 0 && (await countStaffManagers(t)) === 0) {
    throw new StaffRuleError(
      "lastManager",
      "refused: this change would leave the hospital without an active member holding staff:manage (no hospital locks itself out)",
    );
  }
  return result;
}
