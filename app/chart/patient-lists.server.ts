// What follows the patient across visits: allergies and the problem list. Active until resolved;
// entered_in_error when recorded by mistake (kept, never deleted). Edits name the version they read.
import { and, asc, eq, sql } from "drizzle-orm";
import { allergies, problems, type AllergySeverity, type ListStatus } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { updateVersioned } from "~/lib/concurrency.server";

export type Allergy = { id: string; substance: string; reaction: string | null; severity: AllergySeverity | null; status: ListStatus; version: number; createdAt: Date };
export type Problem = { id: string; description: string; code: string | null; onset: string | null; status: ListStatus; version: number; createdAt: Date };

const statusOrder = (status: typeof allergies.status | typeof problems.status) => sql`case ${status} when 'active' then 0 when 'resolved' then 1 else 2 end`;

export async function listAllergies(t: TenantTx, patientId: string): Promise<Allergy[]> {
  return t.db
    .select({ id: allergies.id, substance: allergies.substance, reaction: allergies.reaction, severity: allergies.severity, status: allergies.status, version: allergies.version, createdAt: allergies.createdAt })
    .from(allergies)
    .where(and(eq(allergies.tenantId, t.tenantId), eq(allergies.patientId, patientId)))
    .orderBy(statusOrder(allergies.status), asc(allergies.createdAt));
}

export async function listProblems(t: TenantTx, patientId: string): Promise<Problem[]> {
  return t.db
    .select({ id: problems.id, description: problems.description, code: problems.code, onset: problems.onset, status: problems.status, version: problems.version, createdAt: problems.createdAt })
    .from(problems)
    .where(and(eq(problems.tenantId, t.tenantId), eq(problems.patientId, patientId)))
    .orderBy(statusOrder(problems.status), asc(problems.createdAt));
}

export async function addAllergy(
  t: TenantTx,
  patientId: string,
  input: { substance: string; reaction: string | null; severity: AllergySeverity | null; visitId?: string | null },
): Promise<string> {
  const [row] = await t.db
    .insert(allergies)
    .values({ tenantId: t.tenantId, patientId, ...input, visitId: input.visitId ?? null, recordedBy: t.actor.userId })
    .returning({ id: allergies.id });
  return row!.id;
}

export async function addProblem(t: TenantTx, patientId: string, input: { description: string; code: string | null; onset: string | null; visitId?: string | null }): Promise<string> {
  const [row] = await t.db
    .insert(problems)
    .values({ tenantId: t.tenantId, patientId, ...input, visitId: input.visitId ?? null, recordedBy: t.actor.userId })
    .returning({ id: problems.id });
  return row!.id;
}

/** Resolves or marks in error one of the patient's entries. False when it is not this patient's. */
export async function setListEntryStatus(
  t: TenantTx,
  list: "allergies" | "problems",
  patientId: string,
  id: string,
  version: number,
  status: Exclude<ListStatus, "active">,
): Promise<boolean> {
  if (!isUuid(id)) return false;
  const table = list === "allergies" ? allergies : problems;
  const [row] = await t.db.select({ patientId: table.patientId }).from(table).where(and(eq(table.tenantId, t.tenantId), eq(table.id, id)));
  if (!row || row.patientId !== patientId) return false;
  return (await updateVersioned(t, table, id, version, { status })) !== null;
}
