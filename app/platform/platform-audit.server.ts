// The platform audit (decision 056): one row per thing platform staff did in the console (a staff
// account created, a role changed, a hospital suspended, support access requested), written in the
// same transaction as the change, so that a change without its entry cannot commit. Append-only: the
// platform role may insert and read, never update or delete. No patient data, ever: an action name,
// who, which hospital, and a few plain details.
import { and, desc, eq, type SQL } from "drizzle-orm";
import { platformAudit } from "~db/schema";
import type { PlatformTx } from "~db/scope.server";

export type PlatformAuditEntry = {
  /** The staff member who acted. */
  staffUserId: string;
  /** What they did, as "thing.verb": "staff.create", "staff.role", "tenant.suspend", ... */
  action: string;
  hospitalId?: string | null;
  details?: Record<string, unknown> | null;
};

/** Records one console action in the caller's platform transaction. */
export async function recordPlatformAudit(p: PlatformTx, entry: PlatformAuditEntry): Promise<void> {
  await p.db.insert(platformAudit).values({
    staffUserId: entry.staffUserId,
    action: entry.action,
    hospitalId: entry.hospitalId ?? null,
    details: entry.details ?? null,
  });
}

/** The newest entries first, optionally for one hospital or one action. */
export async function listPlatformAudit(p: PlatformTx, filter: { hospitalId?: string; action?: string; limit?: number } = {}) {
  const where: SQL[] = [];
  if (filter.hospitalId) where.push(eq(platformAudit.hospitalId, filter.hospitalId));
  if (filter.action) where.push(eq(platformAudit.action, filter.action));
  return p.db
    .select()
    .from(platformAudit)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(platformAudit.at), desc(platformAudit.id))
    .limit(filter.limit ?? 100);
}
