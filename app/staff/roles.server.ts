// Which role codes a hospital knows. For now the fixed STAFF_ROLES; hospital-defined roles (decision 018)
// replace the body of isKnownRole, and every caller (invitations, the CSV import) follows.
import { STAFF_ROLES, type StaffRole } from "~db/schema";
import type { TenantTx } from "~db/scope.server";

export async function isKnownRole(_tx: TenantTx, code: string): Promise<boolean> {
  return (STAFF_ROLES as readonly string[]).includes(code);
}

/** The roles offered in the invitation form. */
export async function listRoleCodes(_tx: TenantTx): Promise<string[]> {
  return [...STAFF_ROLES];
}

export type { StaffRole };
