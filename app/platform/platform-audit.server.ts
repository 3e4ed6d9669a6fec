// What platform staff did in the console (decisions 058): one row of platform_audit per action, written in
// the action's own platform transaction, so that it commits or rolls back with the change it records.
import { platformAudit } from "~db/schema";
import type { PlatformTx } from "~db/scope.server";

export type PlatformAuditEntry = {
  /** The staff member acting (platform_staff.user_id). */
  staffUserId: string;
  action: string;
  hospitalId?: string | null;
  details?: Record<string, unknown> | null;
};

export async function recordPlatformAudit(p: PlatformTx, entry: PlatformAuditEntry): Promise<void> {
  await p.db.insert(platformAudit).values({
    staffUserId: entry.staffUserId,
    action: entry.action,
    hospitalId: entry.hospitalId ?? null,
    details: entry.details ?? null,
  });
}
