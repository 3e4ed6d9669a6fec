// What a practice copy receives from its hospital (decision 043). The database holds the list the copy
// function obeys (training_copied_tables, the training custom migration); this mirrors it for the code
// and the tests, which hold the two equal and fail when a tenant table is in neither list below.

/** Configuration tables copied row for row into a new practice copy, in this order (a table after those
 * it points to). Memberships (the staff) are copied by the function itself, after these. */
export const TRAINING_COPIED_TABLES = [
  "hospital_roles",
  "hospital_profiles",
  "hospital_templates",
  "departments",
  "rooms",
  "beds",
  "services",
  "formulary_items",
  "note_forms",
  "order_sets",
  "workflow_steps",
] as const;

/** Tenant tables a practice copy never receives from the real hospital, and why. */
export const TRAINING_NOT_COPIED: Readonly<Record<string, string>> = {
  memberships: "copied by the function itself (the staff), after the configuration",
  patients: "clinical: the copy gets made-up patients instead",
  patient_search_words: "derived from patients by a trigger",
  visits: "clinical",
  vitals: "clinical",
  visit_notes: "clinical",
  note_addenda: "clinical",
  diagnoses: "clinical",
  allergies: "clinical",
  problems: "clinical",
  signatures: "clinical",
  invitations: "the real hospital's invitations; the copy's staff are the real staff",
  orders: "clinical",
  order_results: "clinical",
  prescriptions: "clinical",
  prescription_items: "clinical",
  tenant_counters: "the copy numbers its own records from 1",
  audit_events: "each tenant's own log, never copied",
  audit_heads: "each tenant's own chain",
  data_exports: "the real hospital's export requests and archives (decision 053); a copy exports nothing of it",
};
