// The console's hospitals (issue 9; decision 057): the list and one hospital's page. Everything comes from
// the platform scope: the registry (tenants), the aggregates a job refreshes (tenant_stats,
// tenant_usage_daily), memberships and users (names and roles), security events, the console's own
// audit, and one hospital's pending invitations through pending_invitations(). Never a patient's row:
// the platform role has no grant on any patient table (tests/integration/catalog.test.ts).
import { and, asc, count, desc, eq, gte, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  hospitalRoles,
  memberships,
  platformAudit,
  securityEvents,
  TENANT_STATUSES,
  tenants,
  tenantStats,
  tenantUsageDaily,
  users,
  type TenantStatus,
} from "~db/schema";
import { listJobRuns } from "~db/job-queue.server";
import { isUuid, type PlatformTx, rowsOf, withPlatform } from "~db/scope.server";
import { findProvince, foldVietnamese, PROVINCES } from "~/reference/admin-units.server";
import { firstUnfinishedStep, SETUP_STEPS } from "~/setup/steps";
import { SORTS, type TenantListQuery, type TenantSort } from "./tenant-list";

export { SORTS, tenantListHref, type TenantListQuery, type TenantSort } from "./tenant-list";

export const PAGE_SIZE = 50;
export const STATUSES: readonly TenantStatus[] = TENANT_STATUSES;
const isStatus = (value: unknown): value is TenantStatus => typeof value === "string" && (TENANT_STATUSES as readonly string[]).includes(value);

/** Reads the list's URL parameters; anything unknown falls back to the default, never an error. */
export function parseTenantListQuery(params: URLSearchParams): TenantListQuery {
  const given = params.get("sort");
  const sort: TenantSort = (SORTS as readonly string[]).includes(given ?? "") ? (given as TenantSort) : "name";
  const dir = params.get("dir");
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  const province = params.get("province");
  const template = params.get("template");
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    status: isStatus(params.get("status")) ? (params.get("status") as TenantStatus) : null,
    province: province && findProvince(province) ? province : null,
    template: template && /^[a-z][a-z0-9-]{1,39}(@\d+\.\d+\.\d+)?$/.test(template) ? template : null,
    sort,
    dir: dir === "desc" ? "desc" : dir === "asc" ? "asc" : sort !== "name" ? "desc" : "asc",
    page: Number.isFinite(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

export type SetupProgress = { done: number; total: number; next: string | null };

export function setupProgress(status: TenantStatus, steps: readonly string[] | null): SetupProgress {
  const done = SETUP_STEPS.filter((s) => steps?.includes(s.segment)).length;
  return { done, total: SETUP_STEPS.length, next: status === "onboarding" ? firstUnfinishedStep(steps ?? []) : null };
}

export type TenantListRow = {
  id: string;
  name: string;
  slug: string;
  facilityCode: string | null;
  province: string | null;
  status: TenantStatus;
  template: { code: string; version: string | null } | null;
  setup: SetupProgress;
  staff: number | null;
  patients: number | null;
  visits7d: number | null;
  lastActivityAt: string | null;
  approxBytes: number | null;
};

export type TenantList = { rows: TenantListRow[]; total: number; query: TenantListQuery; pages: number; refreshedAt: string | null };

// Vietnamese letters with diacritics, both cases, and the plain letter each folds to: "Tam Nong" finds
// "Tam Nông". translate() rather than the unaccent extension: the same on Postgres and the embedded
// PGlite, and lower() is not trusted with non-ASCII letters under every collation.
const ACCENTED_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
const ACCENTED = ACCENTED_LOWER + ACCENTED_LOWER.toUpperCase();
const PLAIN = [...ACCENTED].map((c) => foldVietnamese(c)).join("");

/** Real hospitals only: practice copies (decision 043) are never listed. */
const realHospital = and(isNull(tenants.trainingOf), isNull(tenants.archivedAt));

function listConditions(query: TenantListQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [realHospital];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const folded = `%${foldVietnamese(query.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(tenants.name, like),
        sql`lower(translate(${tenants.name}, ${ACCENTED}, ${PLAIN})) like ${folded}`,
        ilike(tenants.slug, like),
        ilike(tenants.facilityCode, `${query.q.replace(/[\\%_]/g, "")}%`),
      ),
    );
  }
  if (query.status) conditions.push(eq(tenants.status, query.status));
  if (query.province) conditions.push(eq(tenants.provinceCode, query.province));
  if (query.template) {
    const [code, version] = query.template.split("@");
    conditions.push(eq(tenantStats.templateCode, code!));
    if (version) conditions.push(eq(tenantStats.templateVersion, version));
  }
  return and(...conditions);
}

function listOrder(query: TenantListQuery): SQL[] {
  const direction = query.dir === "desc" ? desc : asc;
  // Hospitals without aggregates yet sort last either way; the id breaks ties so pages never overlap.
  const nullsLast = (column: SQL | AnyPgColumn) =>
    query.dir === "desc" ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;
  switch (query.sort) {
    case "created":
      return [direction(tenants.createdAt), direction(tenants.id)];
    case "patients":
      return [nullsLast(tenantStats.patientCount), direction(tenants.id)];
    case "visits":
      return [nullsLast(tenantStats.visits7d), direction(tenants.id)];
    case "activity":
      return [nullsLast(sql`${tenantStats.lastActivityAt}`), direction(tenants.id)];
    case "size":
      return [nullsLast(tenantStats.approxBytes), direction(tenants.id)];
    default:
      return [direction(sql`lower(${tenants.name})`), direction(tenants.id)];
  }
}

/** One page of the list, with the total for the pager: one statement. */
export async function listTenants(query: TenantListQuery): Promise<TenantList> {
  return withPlatform("console: list hospitals", async (p) => {
    const rows = await p.db
      .select({
        id: tenants.id,
        name: tenants.name,
        slug: tenants.slug,
        facilityCode: tenants.facilityCode,
        provinceCode: tenants.provinceCode,
        status: tenants.status,
        templateCode: tenantStats.templateCode,
        templateVersion: tenantStats.templateVersion,
        setupSteps: tenantStats.setupSteps,
        staff: tenantStats.staffCount,
        patients: tenantStats.patientCount,
        visits7d: tenantStats.visits7d,
        lastActivityAt: tenantStats.lastActivityAt,
        approxBytes: tenantStats.approxBytes,
        refreshedAt: tenantStats.refreshedAt,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(tenants)
      .leftJoin(tenantStats, eq(tenantStats.hospitalId, tenants.id))
      .where(listConditions(query))
      .orderBy(...listOrder(query))
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE);
    const total = rows[0]?.total ?? (query.page > 1 ? await countTenants(p, query) : 0);
    const refreshed = rows.map((r) => r.refreshedAt?.getTime() ?? 0).filter((n) => n > 0);
    return {
      rows: rows.map((r) => ({
        id: r.id,
        name: r.name,
        slug: r.slug,
        facilityCode: r.facilityCode,
        province: r.provinceCode ? (findProvince(r.provinceCode)?.name ?? r.provinceCode) : null,
        status: r.status,
        template: r.templateCode ? { code: r.templateCode, version: r.templateVersion } : null,
        setup: setupProgress(r.status, r.setupSteps),
        staff: r.staff,
        patients: r.patients,
        visits7d: r.visits7d,
        lastActivityAt: r.lastActivityAt?.toISOString() ?? null,
        approxBytes: r.approxBytes,
      })),
      total,
      query,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      refreshedAt: refreshed.length > 0 ? new Date(Math.min(...refreshed)).toISOString() : null,
    };
  });
}

async function countTenants(p: PlatformTx, query: TenantListQuery): Promise<number> {
  const [row] = await p.db
    .select({ n: count() })
    .from(tenants)
    .leftJoin(tenantStats, eq(tenantStats.hospitalId, tenants.id))
    .where(listConditions(query));
  return row?.n ?? 0;
}

/** The filters' choices: provinces (2025 units) and the templates hospitals run. */
export async function tenantListChoices(): Promise<{ provinces: { code: string; name: string }[]; templates: { code: string; version: string | null }[] }> {
  const templates = await withPlatform("console: templates in use", (p) =>
    p.db
      .selectDistinct({ code: tenantStats.templateCode, version: tenantStats.templateVersion })
      .from(tenantStats)
      .where(sql`${tenantStats.templateCode} is not null`)
      .orderBy(tenantStats.templateCode, tenantStats.templateVersion),
  );
  return {
    provinces: PROVINCES.map((p) => ({ code: p.code, name: p.name })),
    templates: templates.map((t) => ({ code: t.code!, version: t.version })),
  };
}

export type UsageDay = { day: string; visits: number; patientsRegistered: number; activeStaff: number };

export type TenantDetail = {
  id: string;
  name: string;
  slug: string;
  facilityCode: string | null;
  province: string | null;
  ward: string | null;
  status: TenantStatus;
  createdAt: string;
  verifiedAt: string | null;
  trialEndsAt: string | null;
  stats: {
    staff: number;
    patients: number;
    visits7d: number;
    lastActivityAt: string | null;
    approxBytes: number;
    template: { code: string; version: string | null } | null;
    refreshedAt: string;
  } | null;
  setup: SetupProgress & { steps: { segment: string; done: boolean }[] };
  usage: UsageDay[];
  staff: { name: string; roles: { code: string; vi: string; en: string }[]; active: boolean }[];
  invitations: { id: string; email: string; name: string; role: string; expiresAt: string }[];
  securityEvents: { id: number; kind: string; route: string | null; address: string | null; at: string }[];
  /** Failed jobs whose payload names this hospital (none of today's queues do: decision 025). */
  failedJobs: { id: string; queue: string; at: string; message: string | null }[];
  consoleActions: { id: number; at: string; action: string; details: Record<string, unknown> | null }[];
};

export const USAGE_DAYS = 30;

/** One hospital's page, or null when there is no such (real) hospital. */
export async function getTenantDetail(id: string, now = new Date()): Promise<TenantDetail | null> {
  if (!isUuid(id)) return null;
  return withPlatform("console: one hospital", async (p) => {
    const [row] = await p.db
      .select({ tenant: tenants, stats: tenantStats })
      .from(tenants)
      .leftJoin(tenantStats, eq(tenantStats.hospitalId, tenants.id))
      .where(and(eq(tenants.id, id), realHospital));
    if (!row) return null;
    const since = new Date(now.getTime() - (USAGE_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const usage = await p.db
      .select()
      .from(tenantUsageDaily)
      .where(and(eq(tenantUsageDaily.hospitalId, id), gte(tenantUsageDaily.day, since)))
      .orderBy(tenantUsageDaily.day);
    const roleNames = await p.db
      .select({ code: hospitalRoles.code, vi: hospitalRoles.nameVi, en: hospitalRoles.nameEn })
      .from(hospitalRoles)
      .where(eq(hospitalRoles.tenantId, id));
    const staff = await p.db
      .select({ name: users.displayName, roles: memberships.roles, active: memberships.active })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.tenantId, id))
      .orderBy(desc(memberships.active), users.displayName)
      .limit(200);
    const invitations = rowsOf<{ id: string; email: string; display_name: string; role: string; expires_at: string | Date }>(
      await p.db.execute(sql`select id, email, display_name, role, expires_at from pending_invitations(${id})`),
    );
    const events = await p.db
      .select({ id: securityEvents.id, kind: securityEvents.kind, route: securityEvents.route, address: securityEvents.address, at: securityEvents.at })
      .from(securityEvents)
      .where(eq(securityEvents.hospitalId, id))
      .orderBy(desc(securityEvents.at), desc(securityEvents.id))
      .limit(20);
    const actions = await p.db
      .select({ id: platformAudit.id, at: platformAudit.at, action: platformAudit.action, details: platformAudit.details })
      .from(platformAudit)
      .where(eq(platformAudit.hospitalId, id))
      .orderBy(desc(platformAudit.at), desc(platformAudit.id))
      .limit(20);
    const failedJobs = await listJobRuns(p, { state: "failed", hospitalId: id, limit: 10 });
    const t = row.tenant;
    const s = row.stats;
    const progress = setupProgress(t.status, s?.setupSteps ?? null);
    return {
      id: t.id,
      name: t.name,
      slug: t.slug,
      facilityCode: t.facilityCode,
      province: t.provinceCode ? (findProvince(t.provinceCode)?.name ?? t.provinceCode) : null,
      ward: t.wardCode,
      status: t.status,
      createdAt: t.createdAt.toISOString(),
      verifiedAt: t.verifiedAt?.toISOString() ?? null,
      trialEndsAt: t.trialEndsAt?.toISOString() ?? null,
      stats: s
        ? {
            staff: s.staffCount,
            patients: s.patientCount,
            visits7d: s.visits7d,
            lastActivityAt: s.lastActivityAt?.toISOString() ?? null,
            approxBytes: s.approxBytes,
            template: s.templateCode ? { code: s.templateCode, version: s.templateVersion } : null,
            refreshedAt: s.refreshedAt.toISOString(),
          }
        : null,
      setup: { ...progress, steps: SETUP_STEPS.map((step) => ({ segment: step.segment, done: !!s?.setupSteps.includes(step.segment) })) },
      usage: fillDays(usage, since, USAGE_DAYS),
      staff: staff.map((m) => ({
        name: m.name,
        roles: m.roles.map((code) => {
          const role = roleNames.find((r) => r.code === code);
          return { code, vi: role?.vi ?? code, en: role?.en ?? code };
        }),
        active: m.active,
      })),
      invitations: invitations.map((i) => ({ id: i.id, email: i.email, name: i.display_name, role: i.role, expiresAt: new Date(i.expires_at).toISOString() })),
      securityEvents: events.map((e) => ({ ...e, at: e.at.toISOString() })),
      failedJobs: failedJobs.map((j) => ({ id: j.id, queue: j.queue, at: (j.completedOn ?? j.createdOn).toISOString(), message: j.message })),
      consoleActions: actions.map((a) => ({ id: a.id, at: a.at.toISOString(), action: a.action, details: a.details })),
    };
  });
}

/** Every day of the window, zero where the refresh wrote nothing (a hospital younger than the window). */
function fillDays(rows: { day: string; visits: number; patientsRegistered: number; activeStaff: number }[], since: string, days: number): UsageDay[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const start = new Date(`${since}T00:00:00Z`).getTime();
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    const r = byDay.get(day);
    return { day, visits: r?.visits ?? 0, patientsRegistered: r?.patientsRegistered ?? 0, activeStaff: r?.activeStaff ?? 0 };
  });
}
