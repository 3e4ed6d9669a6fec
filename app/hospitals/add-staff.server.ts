import { memberships, type StaffRole } from "~db/schema";
import { type Actor, withTenant } from "~db/scope.server";

/** Gives a person roles in one hospital. The person's identity comes from ensureUser (app/auth). */
export async function addMembership(tenantId: string, userId: string, roles: StaffRole[], actor: Actor): Promise<void> {
  await withTenant(tenantId, actor, (t) =>
    t.db.insert(memberships).values({ tenantId: t.tenantId, userId, roles }).onConflictDoNothing(),
  );
}
