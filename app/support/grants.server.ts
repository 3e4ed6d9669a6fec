// Support grants (issue 9, decision 059): the staff side (platform scope) asks, withdraws and, for the
// emergency path, confirms; the hospital side (its own tenant transaction) approves, refuses and
// revokes. Every change goes through a security-definer function of the support migration, which
// enforces the transitions (nobody may approve their own request; a revoked or expired grant stays so);
// what the database then lets a support transaction see is decided by app_tenant_id(), not here.
import { and, desc, eq, gt, lte, sql } from "drizzle-orm";
import { hospitalRoles, memberships, supportGrants, tenants, users, type SupportGrantStatus } from "~db/schema";
import { isUuid, rowsOf, withPlatform, type PlatformTx, type TenantTx } from "~db/scope.server";
import { isLanguage, type Language } from "~/i18n/config";
import { i18next } from "~/i18n/i18next.server";
import { queueMail } from "~/mail/outbox.server";
import { presetPermissions, SUPPORT_DURATIONS, type SupportPreset } from "./presets";

/** What a grant is now: its stored status, with "expired" for an approved grant past its end. */
export type SupportGrantState = SupportGrantStatus | "expired";

export type SupportGrantRow = {
  id: string;
  hospitalId: string;
  staffUserId: string;
  reason: string;
  preset: string;
  permissions: string[];
  durationMinutes: number;
  state: SupportGrantState;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  startsAt: Date | null;
  expiresAt: Date | null;
  revokedBy: string | null;
  revokedAt: Date | null;
  emergency: boolean;
  emergencyConfirmedBy: string[];
};

const grantColumns = {
  id: supportGrants.id,
  hospitalId: supportGrants.hospitalId,
  staffUserId: supportGrants.staffUserId,
  reason: supportGrants.reason,
  preset: supportGrants.preset,
  permissions: supportGrants.permissions,
  durationMinutes: supportGrants.durationMinutes,
  status: supportGrants.status,
  requestedAt: supportGrants.requestedAt,
  decidedBy: supportGrants.decidedBy,
  decidedAt: supportGrants.decidedAt,
  startsAt: supportGrants.startsAt,
  expiresAt: supportGrants.expiresAt,
  revokedBy: supportGrants.revokedBy,
  revokedAt: supportGrants.revokedAt,
  emergency: supportGrants.emergency,
  emergencyConfirmedBy: supportGrants.emergencyConfirmedBy,
};

function withState<T extends { status: SupportGrantStatus; expiresAt: Date | null }>(row: T, now = new Date()): Omit<T, "status"> & { state: SupportGrantState } {
  const { status, ...rest } = row;
  const state: SupportGrantState = status === "approved" && row.expiresAt && row.expiresAt <= now ? "expired" : status;
  return { ...rest, state };
}

// --- the staff side ---------------------------------------------------------------------------------

export type SupportRequestInput = { reason: string; preset: SupportPreset; minutes: number; emergency: boolean };

export type SupportRequestProblem = "reason" | "duration" | "hospital";

export function checkSupportRequest(input: { reason: unknown; minutes: unknown }): SupportRequestProblem[] {
  const problems: SupportRequestProblem[] = [];
  if (typeof input.reason !== "string" || input.reason.trim().length < 5 || input.reason.trim().length > 2000) problems.push("reason");
  if (!(SUPPORT_DURATIONS as readonly number[]).includes(Number(input.minutes))) problems.push("duration");
  return problems;
}

export type HospitalForSupport = { id: string; slug: string; name: string; status: string };

/** The hospital a request names (by id): registry fields only. */
export async function findHospitalForSupport(hospitalId: string): Promise<HospitalForSupport | null> {
  const [row] = await withPlatform("the hospital a support request names", (p) =>
    p.db.select({ id: tenants.id, slug: tenants.slug, name: tenants.name, status: tenants.status }).from(tenants).where(eq(tenants.id, hospitalId)),
  );
  return row ?? null;
}

/** Hospitals whose name or slug contains `query` (registry fields only), for choosing whom to ask. */
export async function searchHospitalsForSupport(query: string): Promise<HospitalForSupport[]> {
  const words = query.trim().slice(0, 100);
  if (words.length < 2) return [];
  const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return withPlatform("find hospitals to request support access to", (p) =>
    p.db
      .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, status: tenants.status })
      .from(tenants)
      .where(and(sql`${tenants.trainingOf} is null`, sql`(${tenants.name} ilike ${pattern} or ${tenants.slug} ilike ${pattern})`))
      .orderBy(tenants.name)
      .limit(20),
  );
}

/** The hospital's administrators (members whose active roles hold staff:manage) and their e-mail. */
async function hospitalAdmins(p: PlatformTx, hospitalId: string): Promise<{ email: string; displayName: string; locale: Language }[]> {
  const rows = await p.db
    .select({ email: users.email, displayName: users.displayName, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, hospitalId),
        eq(memberships.active, true),
        sql`exists (select 1 from ${hospitalRoles} as held where held.tenant_id = ${memberships.tenantId} and held.active
          and held.code = any(${memberships.roles}) and 'staff:manage' = any(held.permissions))`,
      ),
    );
  return rows.map((row) => ({ ...row, locale: isLanguage(row.locale) ? row.locale : "vi" }));
}

async function mailAdmins(
  p: PlatformTx,
  hospital: { id: string; slug: string; name: string },
  kind: "support-request" | "support-emergency",
  values: { staff: string; reason: string; minutes: number; origin: string },
): Promise<void> {
  for (const admin of await hospitalAdmins(p, hospital.id)) {
    const t = await i18next.getFixedT(admin.locale, "support");
    const key = kind === "support-request" ? "mail.request" : "mail.emergency";
    const vars = { hospital: hospital.name, staff: values.staff, reason: values.reason, hours: String(values.minutes / 60), link: `${values.origin}/h/${hospital.slug}/settings/support` };
    await queueMail(p, {
      hospitalId: hospital.id,
      recipient: admin.email,
      locale: admin.locale,
      kind,
      subject: t(`${key}.subject`, vars),
      bodyText: t(`${key}.body`, vars),
    });
  }
}

/**
 * A staff member asks one hospital for access: one transaction writes the request (and its entry in the
 * hospital's audit log) and the e-mails to the hospital's administrators.
 */
export async function requestSupportGrant(
  hospital: HospitalForSupport,
  staff: { id: string; displayName: string },
  input: SupportRequestInput,
  origin: string,
): Promise<string> {
  return withPlatform("a staff member requests support access", async (p) => {
    const [row] = rowsOf<{ id: string }>(
      await p.db.execute(
        sql`select support_grant_request(${hospital.id}::uuid, ${staff.id}::uuid, ${input.reason}, ${input.preset},
          ${`{${presetPermissions(input.preset).join(",")}}`}::text[], ${input.minutes}::int, ${input.emergency}) as id`,
      ),
    );
    await mailAdmins(p, hospital, "support-request", { staff: staff.displayName, reason: input.reason.trim(), minutes: input.minutes, origin });
    return row!.id;
  });
}

export type StaffGrantRow = SupportGrantRow & { hospitalName: string; hospitalSlug: string; staffName: string };

/** The grants a staff member asked for, newest first; for an owner, also every pending emergency request. */
export async function listStaffGrants(staffId: string, { emergencies = false } = {}): Promise<{ mine: StaffGrantRow[]; emergencies: StaffGrantRow[] }> {
  return withPlatform("a staff member's support grants", async (p) => {
    const select = () =>
      p.db
        .select({ ...grantColumns, hospitalName: tenants.name, hospitalSlug: tenants.slug, staffName: users.displayName })
        .from(supportGrants)
        .innerJoin(tenants, eq(tenants.id, supportGrants.hospitalId))
        .innerJoin(users, eq(users.id, supportGrants.staffUserId));
    const mine = await select().where(eq(supportGrants.staffUserId, staffId)).orderBy(desc(supportGrants.requestedAt)).limit(100);
    const pending = emergencies
      ? await select()
          .where(and(eq(supportGrants.emergency, true), eq(supportGrants.status, "requested")))
          .orderBy(desc(supportGrants.requestedAt))
          .limit(100)
      : [];
    const now = new Date();
    return { mine: mine.map((r) => withState(r, now)), emergencies: pending.map((r) => withState(r, now)) };
  });
}

/** The requester withdraws a pending request or ends their own access early. */
export async function withdrawSupportGrant(grantId: string, staffId: string): Promise<string> {
  return withPlatform("a staff member withdraws a support grant", async (p) => {
    const [row] = rowsOf<{ result: string }>(await p.db.execute(sql`select support_grant_withdraw(${grantId}::uuid, ${staffId}::uuid) as result`));
    return row!.result;
  });
}

/** An owner confirms an emergency grant; the second owner's confirmation approves it and tells the hospital. */
export async function confirmEmergencyGrant(grantId: string, ownerId: string, origin: string): Promise<string> {
  return withPlatform("an owner confirms an emergency support grant", async (p) => {
    const [row] = rowsOf<{ result: string }>(await p.db.execute(sql`select support_grant_confirm_emergency(${grantId}::uuid, ${ownerId}::uuid) as result`));
    if (row!.result === "approved") {
      const [grant] = await p.db
        .select({ reason: supportGrants.reason, minutes: supportGrants.durationMinutes, hospitalId: tenants.id, slug: tenants.slug, name: tenants.name, staff: users.displayName })
        .from(supportGrants)
        .innerJoin(tenants, eq(tenants.id, supportGrants.hospitalId))
        .innerJoin(users, eq(users.id, supportGrants.staffUserId))
        .where(eq(supportGrants.id, grantId));
      if (grant) {
        await mailAdmins(p, { id: grant.hospitalId, slug: grant.slug, name: grant.name }, "support-emergency", {
          staff: grant.staff,
          reason: grant.reason,
          minutes: grant.minutes,
          origin,
        });
      }
    }
    return row!.result;
  });
}

export type ActiveSupportGrant = {
  grantId: string;
  permissions: string[];
  expiresAt: Date;
  hospital: { id: string; slug: string; name: string; status: string; trainingOf: string | null; archived: boolean };
};

/**
 * The grant that lets this staff member into the hospital `slug` names right now, or null. Read on every
 * request (no cache across requests): a revocation or the end of the grant shuts the next request out.
 */
export async function findActiveSupportGrant(staffId: string, slug: string): Promise<ActiveSupportGrant | null> {
  const [row] = await withPlatform("find a staff member's active support grant", (p) =>
    p.db
      .select({
        grantId: supportGrants.id,
        permissions: supportGrants.permissions,
        expiresAt: supportGrants.expiresAt,
        id: tenants.id,
        slug: tenants.slug,
        name: tenants.name,
        status: tenants.status,
        trainingOf: tenants.trainingOf,
        archived: sql<boolean>`${tenants.archivedAt} is not null`,
      })
      .from(supportGrants)
      .innerJoin(tenants, eq(tenants.id, supportGrants.hospitalId))
      .where(
        and(
          eq(tenants.slug, slug),
          eq(supportGrants.staffUserId, staffId),
          eq(supportGrants.status, "approved"),
          lte(supportGrants.startsAt, sql`now()`),
          gt(supportGrants.expiresAt, sql`now()`),
        ),
      )
      .orderBy(desc(supportGrants.expiresAt))
      .limit(1),
  );
  if (!row || !row.expiresAt) return null;
  return {
    grantId: row.grantId,
    permissions: row.permissions,
    expiresAt: row.expiresAt,
    hospital: { id: row.id, slug: row.slug, name: row.name, status: row.status, trainingOf: row.trainingOf, archived: row.archived },
  };
}

// --- the hospital side ------------------------------------------------------------------------------

/** This hospital's grants (its policy shows no other's): pending first, then the latest. */
export async function listHospitalGrants(t: TenantTx): Promise<SupportGrantRow[]> {
  const rows = await t.db
    .select(grantColumns)
    .from(supportGrants)
    .where(eq(supportGrants.hospitalId, t.tenantId))
    .orderBy(sql`${supportGrants.status} = 'requested' desc`, desc(supportGrants.requestedAt))
    .limit(200);
  const now = new Date();
  return rows.map((r) => withState(r, now));
}

/** How many requests wait for this hospital's decision (the settings notice). */
export async function countPendingGrants(t: TenantTx): Promise<number> {
  const [row] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(supportGrants)
    .where(and(eq(supportGrants.hospitalId, t.tenantId), eq(supportGrants.status, "requested")));
  return Number(row?.n ?? 0);
}

export type SupportDecision = "approve" | "refuse" | "revoke";
export type DecisionResult = "ok" | "not-found" | "own-request" | "not-pending";

/** Approves, refuses or revokes one of this hospital's grants, and records it in its audit log. */
export async function decideSupportGrant(t: TenantTx, grantId: string, decision: SupportDecision): Promise<DecisionResult> {
  const [row] = rowsOf<{ result: DecisionResult }>(await t.db.execute(sql`select support_grant_decide(${grantId}::uuid, ${decision}) as result`));
  const result = row!.result;
  if (result === "ok") {
    const action = decision === "approve" ? "support.approved" : decision === "refuse" ? "support.refused" : "support.revoked";
    t.audit({ action, entityType: "support_grants", entityId: grantId });
  }
  return result;
}

/** Ids of the grants a list names, for the names of the people on them. */
export function peopleOnGrants(rows: readonly SupportGrantRow[]): string[] {
  return [...new Set(rows.flatMap((r) => [r.staffUserId, r.decidedBy, r.revokedBy, ...r.emergencyConfirmedBy].filter((id): id is string => Boolean(id))))];
}


/** Whether a form or query value names a grant (a uuid); route modules cannot import the scope module. */
export function isGrantId(value: unknown): value is string {
  return isUuid(value);
}
