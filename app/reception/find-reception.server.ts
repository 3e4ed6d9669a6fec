// Reception's search: the patient search (name without diacritics, record number, phone; decision 014)
// preceded by exact matches on the identifiers people read off a card: citizen ID (12 digits), health
// insurance card (15 characters) or its 10-digit social-insurance number. Each is an equality on an
// index led by tenant_id (leakproof under row-level security).
import { and, eq, or, type SQL } from "drizzle-orm";
import { patients } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { findPatients } from "~/patients/find-patients.server";
import { PATIENT_AUDIT_ACTIONS, type PatientSummary } from "~/patients/patient";
import { patientSummaryColumns } from "~/patients/patient-columns.server";
import { INSURANCE_NUMBER_PATTERN, tidyInsuranceNumber } from "./insurance-card";

const IDENTIFIER_MATCHES_MAX = 10;

function identifierConditions(query: string): SQL[] {
  const compact = query.replace(/[\s.-]/g, "");
  const conditions: SQL[] = [];
  if (/^\d{12}$/.test(compact)) conditions.push(eq(patients.citizenId, compact));
  if (/^\d{10}$/.test(compact)) conditions.push(eq(patients.socialInsuranceNumber, compact));
  const card = tidyInsuranceNumber(compact);
  if (INSURANCE_NUMBER_PATTERN.test(card)) conditions.push(eq(patients.insuranceNumber, card));
  return conditions;
}

export async function findReceptionPatients(t: TenantTx, query: string): Promise<{ patients: PatientSummary[]; total: number; totalCapped: boolean }> {
  const conditions = identifierConditions(query);
  const byIdentifier =
    conditions.length === 0
      ? []
      : await t.db
          .select(patientSummaryColumns)
          .from(patients)
          .where(and(eq(patients.tenantId, t.tenantId), or(...conditions)))
          .limit(IDENTIFIER_MATCHES_MAX);
  if (byIdentifier.length > 0) t.audit({ action: PATIENT_AUDIT_ACTIONS.search, details: { identifier: true, results: byIdentifier.length } });
  // A card number is not a name: when it matched, the name search has nothing to add.
  if (byIdentifier.length > 0 && !/^\d+$/.test(query.replace(/[\s.-]/g, ""))) return { patients: byIdentifier, total: byIdentifier.length, totalCapped: false };
  const found = await findPatients(t, { query });
  const seen = new Set(byIdentifier.map((p) => p.id));
  const merged = [...byIdentifier, ...found.patients.filter((p) => !seen.has(p.id))];
  return { patients: merged, total: found.total + byIdentifier.length, totalCapped: found.totalCapped };
}
