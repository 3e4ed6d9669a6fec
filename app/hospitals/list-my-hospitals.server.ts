// The hospitals a person belongs to. This crosses tenants (one person may work in several hospitals), so
// it runs in the platform scope, which may read memberships and the tenant registry, nothing else.
import { and, asc, eq, ne } from "drizzle-orm";
import { memberships, tenants, type StaffRole, type TenantStatus } from "~db/schema";
import { withPlatform } from "~db/scope.server";

export type MyHospital = { id: string; slug: string; name: string; status: TenantStatus; roles: StaffRole[] };

const columns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  status: tenants.status,
  roles: memberships.roles,
};

/** The hospitals this person can open: a suspended one locks its members out, so it is not offered. */
export async function listMyHospitals(userId: string): Promise<MyHospital[]> {
  return withPlatform("list a person's hospitals across tenants", (p) =>
    p.db
      .select(columns)
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), ne(tenants.status, "suspended")))
      .orderBy(asc(tenants.name), asc(tenants.slug)),
  );
}

/**
 * The hospital `slug` names, if this person is a member of it; null otherwise. The slug only selects
 * among the person's own memberships (DESIGN.md §2): a hospital they do not belong to is not found.
 */
export async function findMyHospital(userId: string, slug: string): Promise<MyHospital | null> {
  const [row] = await withPlatform("find a person's membership across tenants", (p) =>
    p.db
      .select(columns)
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), eq(tenants.slug, slug))),
  );
  return row ?? null;
}
