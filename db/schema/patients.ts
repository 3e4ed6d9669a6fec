// Patients: the chart's root. A tenant table, declared through the kit (kit.ts).
import { sql } from "drizzle-orm";
import { customType, date, foreignKey, index, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { departments } from "./hospitals";
import { tenantForeignKey, tenantIdColumn, tenantIsolation, tenantTable, timestamps, version } from "./kit";

/** Text compared byte by byte, so that a btree serves starts_with() whatever the database's locale. */
const byteOrderText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

export const SEXES = ["female", "male", "other"] as const;
export type Sex = (typeof SEXES)[number];

export const patients = tenantTable(
  "patients",
  {
    // Medical record number, unique within the hospital only.
    mrn: text("mrn").notNull(),
    fullName: text("full_name").notNull(),
    // Lower-cased and stripped of diacritics (đ → d too), for search; see 0000_extensions.sql.
    searchName: text("search_name")
      .notNull()
      .generatedAlwaysAs(sql`emr_search_text(full_name)`),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    sex: text("sex", { enum: SEXES }).notNull(),
    phone: text("phone"),
    departmentId: uuid("department_id"),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    unique("patients_tenant_mrn_key").on(t.tenantId, t.mrn),
    tenantForeignKey("patients_department_fk", { tenantId: t.tenantId, column: t.departmentId }, departments),
    // The list of everyone a page at a time, and names that begin with what was typed, both in index
    // order; byte order ("C") so that starts_with can use it (decision 014).
    index("patients_tenant_name_idx").on(t.tenantId, sql`search_name COLLATE "C"`, t.mrn),
    // Prefix search by record number and phone: starts_with (leakproof, so usable under row-level
    // security) can use a btree only under the "C" collation (decision 014).
    index("patients_tenant_mrn_prefix_idx").on(t.tenantId, sql`mrn COLLATE "C"`),
    index("patients_tenant_phone_prefix_idx").on(t.tenantId, sql`phone COLLATE "C"`),
  ],
);

/**
 * One row per distinct word of a patient's search_name, so that a typed word's prefix is an index range
 * (decision 014). Derived from patients by a security-definer trigger (the patient-search-words
 * migration); the application role may only read it. Not through tenantTable(): a derived row has a
 * natural key (tenant_id, patient_id, word) and no identity of its own; tenant_id still leads every key.
 */
export const patientSearchWords = pgTable(
  "patient_search_words",
  {
    tenantId: tenantIdColumn(),
    patientId: uuid("patient_id").notNull(),
    word: byteOrderText("word").notNull(),
    // A copy of the patient's search_name: pages come in name order, and the other typed words are
    // checked here, both without visiting the patient row.
    searchName: byteOrderText("search_name").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.patientId, t.word] }),
    foreignKey({
      name: "patient_search_words_patient_fk",
      columns: [t.tenantId, t.patientId],
      foreignColumns: [patients.tenantId, patients.id],
    }),
    index("patient_search_words_word_idx").on(t.tenantId, t.word, t.searchName, t.patientId),
    tenantIsolation("patient_search_words"),
  ],
).enableRLS();
