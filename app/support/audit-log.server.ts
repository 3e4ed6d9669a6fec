// The hospital's audit log as its administrators read it (/h/:hospital/settings/audit, permission
// audit:read): newest first, filtered by support activity, dates (Vietnam days), person and patient,
// a page at a time. Read in the hospital's own transaction, so its policy shows no other hospital's entries.
import { and, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { auditEvents, memberships, supportGrants } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = {
  supportOnly: boolean;
  /** YYYY-MM-DD, Vietnam days, inclusive. */
  from: string | null;
  to: string | null;
  actorId: string | null;
  patientId: string | null;
  page: number;
};

export type AuditFilterProblem = "badDate" | "badPatient";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters a query string names, and what was wrong with it (shown; the bad filter is ignored). */
export function readAuditFilters(params: URLSearchParams): { filters: AuditFilters; problems: AuditFilterProblem[] } {
  const problems: AuditFilterProblem[] = [];
  const day = (name: string) => {
    const value = params.get(name)?.trim() ?? "";
    if (value === "") return null;
    if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00+07:00`))) {
      if (!problems.includes("badDate")) problems.push("badDate");
      return null;
    }
    return value;
  };
  const patient = params.get("patient")?.trim() ?? "";
  if (patient !== "" && !isUuid(patient)) problems.push("badPatient");
  const actor = params.get("actor") ?? "";
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get("page") ?? "1", 10) || 1));
  return {
    filters: {
      supportOnly: params.get("support") === "1",
      from: day("from"),
      to: day("to"),
      actorId: isUuid(actor) ? actor : null,
      patientId: isUuid(patient) ? patient : null,
      page,
    },
    problems,
  };
}

export type AuditEntryRow = {
  id: string;
  at: Date;
  actorId: string | null;
  actorKind: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  patientId: string | null;
  details: Record<string, unknown> | null;
};

/** One page of entries (one more is read to know whether an older page exists). */
export async function readAuditLog(t: TenantTx, filters: AuditFilters): Promise<{ rows: AuditEntryRow[]; hasOlder: boolean }> {
  const where: SQL[] = [eq(auditEvents.tenantId, t.tenantId)];
  // The vendor's activity: support access under a grant, and console actions on the hospital (decision 058).
  if (filters.supportOnly) where.push(inArray(auditEvents.actorKind, ["support", "platform"]));
  if (filters.from) where.push(gte(auditEvents.at, new Date(`${filters.from}T00:00:00+07:00`)));
  if (filters.to) where.push(lt(auditEvents.at, new Date(new Date(`${filters.to}T00:00:00+07:00`).getTime() + 86_400_000)));
  if (filters.actorId) where.push(eq(auditEvents.actorId, filters.actorId));
  if (filters.patientId) where.push(eq(auditEvents.patientId, filters.patientId));
  const rows = await t.db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      actorKind: auditEvents.actorKind,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      patientId: auditEvents.patientId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filters.page - 1) * AUDIT_PAGE_SIZE);
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasOlder: rows.length > AUDIT_PAGE_SIZE };
}

/** Whom the person filter offers: the hospital's members and the staff it has granted support to. */
export async function auditActors(t: TenantTx): Promise<{ members: string[]; supportStaff: string[] }> {
  const members = await t.db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.tenantId, t.tenantId));
  const staff = await t.db.selectDistinct({ id: supportGrants.staffUserId }).from(supportGrants).where(eq(supportGrants.hospitalId, t.tenantId));
  return { members: members.map((m) => m.id), supportStaff: staff.map((s) => s.id) };
}
