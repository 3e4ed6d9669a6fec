// The prescription of a visit: drugs from the hospital's formulary, quantity computed, warnings for a
// recorded allergy or an active ingredient the patient already gets. Nothing changes once the visit is
// signed. Items are never deleted: a drug taken off is marked `removed`.
import { and, asc, desc, eq, ne, or, sql } from "drizzle-orm";
import { formularyItems, prescriptionItems, prescriptions, visits } from "~db/schema";
import { isUuid, type TenantTx } from "~db/scope.server";
import { updateVersioned } from "~/lib/concurrency.server";
import { todayInVietnam } from "~/patients/vietnam-date";
import { activeAllergySubstances, allergyWarnings } from "./allergy-check.server";
import {
  computeQuantity,
  FORMULARY_QUERY_MAX_LENGTH,
  PRESCRIPTION_AUDIT_ACTIONS,
  QUANTITY_MAX,
  splitIngredients,
  type PrescriptionItemView,
  type PrescriptionWarning,
} from "./prescription";

export type FormularyChoice = {
  id: string;
  code: string;
  name: string;
  activeIngredient: string;
  strength: string;
  form: string;
  route: string;
  unit: string;
  commonDose: string | null;
};

const formularyColumns = {
  id: formularyItems.id,
  code: formularyItems.code,
  name: formularyItems.name,
  activeIngredient: formularyItems.activeIngredient,
  strength: formularyItems.strength,
  form: formularyItems.form,
  route: formularyItems.route,
  unit: formularyItems.unit,
  commonDose: formularyItems.commonDose,
};


/**
 * Active formulary items whose name, ingredient or code contains what was typed, with or without
 * Vietnamese marks. A hospital's formulary is hundreds of rows, read within its tenant_id.
 */
export async function searchFormulary(t: TenantTx, query: string, limit = 20): Promise<FormularyChoice[]> {
  const folded = query.trim().slice(0, FORMULARY_QUERY_MAX_LENGTH);
  if (folded.length === 0) return [];
  const pattern = `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return t.db
    .select(formularyColumns)
    .from(formularyItems)
    .where(
      and(
        eq(formularyItems.tenantId, t.tenantId),
        eq(formularyItems.active, true),
        or(
          sql`emr_search_text(${formularyItems.name}) like emr_search_text(${pattern})`,
          sql`emr_search_text(${formularyItems.activeIngredient}) like emr_search_text(${pattern})`,
          sql`lower(${formularyItems.code}) like lower(${pattern})`,
        ),
      ),
    )
    .orderBy(asc(formularyItems.name))
    .limit(limit);
}

export async function getFormularyItem(t: TenantTx, id: string): Promise<FormularyChoice | null> {
  if (!isUuid(id)) return null;
  const [row] = await t.db
    .select(formularyColumns)
    .from(formularyItems)
    .where(and(eq(formularyItems.tenantId, t.tenantId), eq(formularyItems.id, id), eq(formularyItems.active, true)));
  return row ?? null;
}

export type PrescriptionView = {
  id: string | null;
  advice: string | null;
  version: number;
  prescriberId: string | null;
  items: PrescriptionItemView[];
};

/** What was prescribed: the drug as copied from the formulary and the course. */
const courseColumns = {
  drugName: prescriptionItems.drugName,
  activeIngredient: prescriptionItems.activeIngredient,
  strength: prescriptionItems.strength,
  unit: prescriptionItems.unit,
  route: prescriptionItems.route,
  dosePerTake: prescriptionItems.dosePerTake,
  timesPerDay: prescriptionItems.timesPerDay,
  days: prescriptionItems.days,
  quantity: prescriptionItems.quantity,
  instructions: prescriptionItems.instructions,
};

const itemColumns = {
  id: prescriptionItems.id,
  formularyItemId: prescriptionItems.formularyItemId,
  ...courseColumns,
  version: prescriptionItems.version,
  acknowledgedWarnings: prescriptionItems.acknowledgedWarnings,
};

/** The visit's prescription with its active items (an audited chart read); an empty one if none yet. */
export async function getVisitPrescription(t: TenantTx, visitId: string, patientId: string): Promise<PrescriptionView> {
  t.audit({ action: PRESCRIPTION_AUDIT_ACTIONS.read, entityType: "visits", entityId: visitId, patientId });
  const [prescription] = await t.db
    .select({ id: prescriptions.id, advice: prescriptions.advice, version: prescriptions.version, prescriberId: prescriptions.prescriberId })
    .from(prescriptions)
    .where(and(eq(prescriptions.tenantId, t.tenantId), eq(prescriptions.visitId, visitId)));
  if (!prescription) return { id: null, advice: null, version: 0, prescriberId: null, items: [] };
  const items = await t.db
    .select(itemColumns)
    .from(prescriptionItems)
    .where(
      and(
        eq(prescriptionItems.tenantId, t.tenantId),
        eq(prescriptionItems.prescriptionId, prescription.id),
        eq(prescriptionItems.status, "active"),
      ),
    )
    .orderBy(asc(prescriptionItems.createdAt));
  return {
    ...prescription,
    items: items.map(({ acknowledgedWarnings, ...item }) => ({
      ...item,
      warnings: (acknowledgedWarnings as PrescriptionWarning[] | null) ?? [],
    })),
  };
}

export type ActiveMedicine = {
  itemId: string;
  visitId: string;
  drugName: string;
  activeIngredient: string;
  strength: string;
  unit: string;
  route: string;
  dosePerTake: string;
  timesPerDay: number;
  days: number;
  quantity: number;
  instructions: string | null;
  startDate: string;
  /** The last day of taking it (ISO). */
  endDate: string;
};

/**
 * For the chart summary: the patient's current medicines, the prescribed items whose course has not
 * ended by `today` (start date + days), newest first. An audited chart read.
 */
export async function listActiveMedicines(t: TenantTx, patientId: string, today: string = todayInVietnam()): Promise<ActiveMedicine[]> {
  if (!isUuid(patientId)) return [];
  t.audit({ action: PRESCRIPTION_AUDIT_ACTIONS.read, entityType: "patients", entityId: patientId, patientId, details: { via: "active-medicines" } });
  const rows = await t.db
    .select({
      itemId: prescriptionItems.id,
      visitId: prescriptions.visitId,
      ...courseColumns,
      startDate: prescriptionItems.startDate,
      endDate: sql<string>`to_char(${prescriptionItems.startDate} + ${prescriptionItems.days} - 1, 'YYYY-MM-DD')`,
    })
    .from(prescriptionItems)
    .innerJoin(prescriptions, and(eq(prescriptions.tenantId, prescriptionItems.tenantId), eq(prescriptions.id, prescriptionItems.prescriptionId)))
    .where(
      and(
        eq(prescriptionItems.tenantId, t.tenantId),
        eq(prescriptionItems.patientId, patientId),
        eq(prescriptionItems.status, "active"),
        sql`${prescriptionItems.startDate} + ${prescriptionItems.days} > ${today}::date`,
      ),
    )
    .orderBy(desc(prescriptionItems.startDate), asc(prescriptionItems.drugName));
  return rows;
}

export type PrescriptionItemInput = {
  formularyItemId: string;
  dosePerTake: number;
  timesPerDay: number;
  days: number;
  route: string | null;
  instructions: string | null;
};

export type AddItemOutcome =
  | { ok: true; itemId: string; quantity: number }
  | { ok: false; reason: "visitNotFound" | "visitSigned" | "drugNotFound" | "quantityNotPositive" | "quantityTooLarge" }
  | { ok: false; reason: "warnings"; warnings: PrescriptionWarning[] };

type VisitForPrescription = { id: string; patientId: string; visitDate: string; signedAt: Date | null; status: string };

/** The visit, locked for this transaction, or null. Locking keeps signing and prescribing in order. */
async function lockVisit(t: TenantTx, visitId: string): Promise<VisitForPrescription | null> {
  if (!isUuid(visitId)) return null;
  const [visit] = await t.db
    .select({ id: visits.id, patientId: visits.patientId, visitDate: visits.visitDate, signedAt: visits.signedAt, status: visits.status })
    .from(visits)
    .where(and(eq(visits.tenantId, t.tenantId), eq(visits.id, visitId)))
    .for("update");
  return visit ?? null;
}

const isClosed = (visit: VisitForPrescription) => visit.signedAt !== null || visit.status === "cancelled";

/**
 * What prescribing this drug would warn about: a recorded allergy, or an ingredient already on this
 * prescription or among the patient's current medicines from other visits.
 */
export async function prescriptionWarnings(
  t: TenantTx,
  visit: { id: string; patientId: string },
  drug: { activeIngredient: string },
  today: string = todayInVietnam(),
): Promise<PrescriptionWarning[]> {
  const warnings = allergyWarnings(drug.activeIngredient, await activeAllergySubstances(t, visit.patientId));
  const ingredients = new Set(splitIngredients(drug.activeIngredient));
  const current = await t.db
    .select({ drugName: prescriptionItems.drugName, activeIngredient: prescriptionItems.activeIngredient, visitId: prescriptions.visitId })
    .from(prescriptionItems)
    .innerJoin(prescriptions, and(eq(prescriptions.tenantId, prescriptionItems.tenantId), eq(prescriptions.id, prescriptionItems.prescriptionId)))
    .where(
      and(
        eq(prescriptionItems.tenantId, t.tenantId),
        eq(prescriptionItems.patientId, visit.patientId),
        eq(prescriptionItems.status, "active"),
        or(eq(prescriptions.visitId, visit.id), sql`${prescriptionItems.startDate} + ${prescriptionItems.days} > ${today}::date`),
      ),
    );
  for (const other of current) {
    const shared = splitIngredients(other.activeIngredient).find((i) => ingredients.has(i));
    if (shared) warnings.push({ kind: "duplicate", ingredient: shared, otherDrug: other.drugName, elsewhere: other.visitId !== visit.id });
  }
  return warnings;
}

/**
 * Adds a drug to the visit's prescription (making the prescription on the first one). With warnings
 * and no acknowledgement nothing is saved and the warnings come back; acknowledged, they are kept on
 * the item.
 */
export async function addPrescriptionItem(
  t: TenantTx,
  visitId: string,
  input: PrescriptionItemInput,
  options: { acknowledgeWarnings: boolean },
): Promise<AddItemOutcome> {
  const visit = await lockVisit(t, visitId);
  if (!visit) return { ok: false, reason: "visitNotFound" };
  if (isClosed(visit)) return { ok: false, reason: "visitSigned" };
  const drug = await getFormularyItem(t, input.formularyItemId);
  if (!drug) return { ok: false, reason: "drugNotFound" };
  const quantity = computeQuantity(input.dosePerTake, input.timesPerDay, input.days);
  if (!(quantity > 0)) return { ok: false, reason: "quantityNotPositive" };
  if (quantity > QUANTITY_MAX) return { ok: false, reason: "quantityTooLarge" };

  const warnings = await prescriptionWarnings(t, visit, drug);
  if (warnings.length > 0 && !options.acknowledgeWarnings) return { ok: false, reason: "warnings", warnings };

  const [prescription] = await t.db
    .insert(prescriptions)
    .values({ tenantId: t.tenantId, visitId: visit.id, patientId: visit.patientId, prescriberId: t.actor.userId })
    .onConflictDoUpdate({ target: [prescriptions.tenantId, prescriptions.visitId], set: { prescriberId: t.actor.userId } })
    .returning({ id: prescriptions.id });
  const [item] = await t.db
    .insert(prescriptionItems)
    .values({
      tenantId: t.tenantId,
      prescriptionId: prescription!.id,
      patientId: visit.patientId,
      formularyItemId: drug.id,
      drugName: drug.name,
      activeIngredient: drug.activeIngredient,
      strength: drug.strength,
      unit: drug.unit,
      route: input.route ?? drug.route,
      dosePerTake: String(input.dosePerTake),
      timesPerDay: input.timesPerDay,
      days: input.days,
      quantity,
      instructions: input.instructions,
      startDate: visit.visitDate,
      acknowledgedWarnings: warnings.length > 0 ? warnings : null,
    })
    .returning({ id: prescriptionItems.id });
  return { ok: true, itemId: item!.id, quantity };
}

/** Takes a drug off an unsigned visit's prescription (marked removed, kept). */
export async function removePrescriptionItem(
  t: TenantTx,
  visitId: string,
  itemId: string,
  expectedVersion: number,
): Promise<"removed" | "visitSigned" | null> {
  const visit = await lockVisit(t, visitId);
  if (!visit || !isUuid(itemId)) return null;
  if (isClosed(visit)) return "visitSigned";
  const [item] = await t.db
    .select({ id: prescriptionItems.id })
    .from(prescriptionItems)
    .innerJoin(prescriptions, and(eq(prescriptions.tenantId, prescriptionItems.tenantId), eq(prescriptions.id, prescriptionItems.prescriptionId)))
    .where(and(eq(prescriptionItems.tenantId, t.tenantId), eq(prescriptionItems.id, itemId), eq(prescriptions.visitId, visit.id), ne(prescriptionItems.status, "removed")));
  if (!item) return null;
  const updated = await updateVersioned(t, prescriptionItems, itemId, expectedVersion, { status: "removed" });
  return updated ? "removed" : null;
}

/** Saves the advice (lời dặn) of an unsigned visit's prescription, making the prescription if needed. */
export async function savePrescriptionAdvice(t: TenantTx, visitId: string, advice: string | null): Promise<"saved" | "visitSigned" | null> {
  const visit = await lockVisit(t, visitId);
  if (!visit) return null;
  if (isClosed(visit)) return "visitSigned";
  await t.db
    .insert(prescriptions)
    .values({ tenantId: t.tenantId, visitId: visit.id, patientId: visit.patientId, prescriberId: t.actor.userId, advice })
    .onConflictDoUpdate({
      target: [prescriptions.tenantId, prescriptions.visitId],
      set: { advice, version: sql`${prescriptions.version} + 1` },
    });
  return "saved";
}
