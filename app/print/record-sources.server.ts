// The parts of the outpatient record that the visit core owns (the note, diagnoses, vitals,
// disposition). The printout reads them only through visitClinicalSummary(), so that it prints
// whatever exists and leaves a blank line for the rest.
//
// LEAD: at merge, fill this from the visit core's readers (the note's sections, the ICD-10 diagnoses
// with principal first, the last vitals, the disposition and follow-up date). Each reader that the visit
// core provides as an audited read should be called here in the same transaction.
import type { TenantTx } from "~db/scope.server";

export type PrintedDiagnosis = { code: string; name: string; principal: boolean };

export type VisitClinicalSummary = {
  reason: string | null;
  history: string | null;
  examination: string | null;
  /** Vital signs as one printable line ("Mạch 80 l/ph, HA 120/80 mmHg, …"). */
  vitals: string | null;
  diagnoses: PrintedDiagnosis[];
  /** The plan or disposition as one printable line. */
  disposition: string | null;
};

export const EMPTY_CLINICAL_SUMMARY: VisitClinicalSummary = {
  reason: null,
  history: null,
  examination: null,
  vitals: null,
  diagnoses: [],
  disposition: null,
};

/** What the visit core has recorded for this visit; empty until it is wired (see above). */
export async function visitClinicalSummary(_t: TenantTx, _visitId: string, _options: { diagnosesOnly?: boolean } = {}): Promise<VisitClinicalSummary> {
  return EMPTY_CLINICAL_SUMMARY;
}
