// The hospitals a person belongs to. This crosses tenants (one person may work in several hospitals), so
// it runs in the platform scope, which may read memberships, the hospitals' roles and the tenant registry,
// nothing else. An inactive membership is no membership (decision 038).
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import { hospitalRoles, memberships, tenants, type StaffRole, type TenantStatus } from "~db/schema";
import { withPlatform, type PlatformTx } from "~db/scope.server";

export type MyHospital = {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  /** Codes of the member's roles in this hospital. */
  roles: StaffRole[];
  /** What the member's active roles hold, resolved from hospital_roles in the same statement. */
  permissions: string[];
  /** The real hospital this is a practice copy of; null for a real hospital (decision 043). */
  trainingOf: string | null;
};

/**
 * The member's permissions: the union of what their roles hold, counting only roles that exist and are
 * active in this hospital. A subquery of the membership's own row, so the lookup stays one statement.
 */
const resolvedPermissions = sql<string[]>`coalesce((
  select array_agg(distinct granted order by granted)
  from ${hospitalRoles} as held cross join lateral unnest(held.permissions) as granted
  where held.tenant_id = ${memberships.tenantId} and held.active and held.code = any(${memberships.roles})
), '{}'::text[])`;

const columns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  status: tenants.status,
  roles: memberships.roles,
  permissions: resolvedPermissions,
  trainingOf: tenants.trainingOf,
};

/** Offered to its members: not suspended, and not an archived practice copy (decision 043). */
const open = and(ne(tenants.status, "suspended"), isNull(tenants.archivedAt));

/**
 * The hospitals this person can open: a suspended one locks its members out, so it is not offered, nor
 * is an archived practice copy. Real hospitals first, each practice copy after the hospitals.
 */
export async function listMyHospitals(userId: string): Promise<MyHospital[]> {
  return withPlatform("list a person's hospitals across tenants", (p) =>
    p.db
      .select(columns)
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), eq(memberships.active, true), open))
      .orderBy(sql`${tenants.trainingOf} is not null`, asc(tenants.name), asc(tenants.slug)),
  );
}

export const FIND_MY_HOSPITAL_REASON = "find a person's membership across tenants";

export type MyMembership = MyHospital & {
  /** How many real hospitals this person belongs to: the page offers "choose hospital" when several.
   * Practice copies do not count (each is reached from its hospital's top bar, decision 043). */
  hospitalCount: number;
  /** When this is a practice copy: it has been archived ("reset"), so it is locked like a suspended one. */
  archived: boolean;
  /** In a real hospital: the slug of its live practice copy, if this person is a member of it. */
  practiceSlug: string | null;
  /** In a practice copy: the slug of the real hospital, for the way back. */
  trainingOfSlug: string | null;
};

/**
 * The hospital `slug` names, if this person is a member of it; null otherwise. The slug only selects
 * among the person's own memberships (docs/architecture.md §2): a hospital they do not belong to is not found.
 * One statement, once per request (guards.server.ts), so a page pays for it once; it brings the member's
 * permissions along (decision 038), so the door decides without another round trip.
 */
export async function findMyHospital(userId: string, slug: string): Promise<MyMembership | null> {
  return withPlatform(FIND_MY_HOSPITAL_REASON, (p) => findMyHospitalIn(p, userId, slug));
}

/** findMyHospital inside a platform transaction the caller already holds (the session check's, guards.server.ts). */
export async function findMyHospitalIn(p: PlatformTx, userId: string, slug: string): Promise<MyMembership | null> {
  const [row] = await p.db
    .select({
      ...columns,
      // The same hospitals as listMyHospitals: a suspended one is not offered.
      hospitalCount: sql<number>`(select count(*) from ${memberships} as mine join ${tenants} as theirs
        on theirs.id = mine.tenant_id where mine.user_id = ${userId} and mine.active and theirs.status <> 'suspended'
        and theirs.training_of is null)::int`,
      archived: sql<boolean>`${tenants.archivedAt} is not null`,
      // Subqueries of the same statement: the door still looks the membership up once (decision 030).
      practiceSlug: sql<string | null>`(select practice.slug from ${tenants} as practice join ${memberships} as mine
        on mine.tenant_id = practice.id and mine.user_id = ${userId} and mine.active
        where practice.training_of = ${tenants.id} and practice.archived_at is null)`,
      trainingOfSlug: sql<string | null>`(select original.slug from ${tenants} as original where original.id = ${tenants.trainingOf})`,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(tenants.slug, slug), eq(memberships.active, true)));
  return row ?? null;
}
