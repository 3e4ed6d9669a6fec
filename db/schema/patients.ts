// Patients: the chart's root. A tenant table, declared through the kit (kit.ts).
import { sql } from "drizzle-orm";
import { customType, date, foreignKey, index, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { departments } from "./hospitals";
import { tenantForeignKey, tenantIdColumn, tenantIsolation, tenantTable, timestamps, version } from "./kit";

/** Text compared byte by byte, so that a btree serves starts_with() whatever the database's locale. */
const byteOrderText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

export const SEXES = ["female", "male", "other"] as const;
export type Sex = (typeof SEXES)[number];

/** How much of the birth date is known: the whole day, or only the year (stored as 1 January; decision 035). */
export const BIRTH_DATE_PRECISIONS = ["day", "year"] as const;
export type BirthDatePrecision = (typeof BIRTH_DATE_PRECISIONS)[number];

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
    birthDatePrecision: text("birth_date_precision", { enum: BIRTH_DATE_PRECISIONS }).notNull().default("day"),
    sex: text("sex", { enum: SEXES }).notNull(),
    phone: text("phone"),
    // What reception records (issue 8; app/reception/). All nullable: older rows and patients without.
    /** Citizen ID (CCCD), 12 digits; Circular 13/2025 links the record to it where the patient has one. */
    citizenId: text("citizen_id"),
    /** Health-insurance card (BHYT), 15 characters, upper case; its validity and primary-care facility. */
    insuranceNumber: text("insurance_number"),
    /** Its last 10 digits, the lifelong social-insurance number (the only number on cards since 2021). */
    socialInsuranceNumber: text("social_insurance_number").generatedAlwaysAs(sql`right(insurance_number, 10)`),
    insuranceValidFrom: date("insurance_valid_from", { mode: "string" }),
    insuranceValidTo: date("insurance_valid_to", { mode: "string" }),
    insuranceFacility: text("insurance_facility"),
    /** Statistics-office codes: ethnic group 01–54, occupation (QĐ 34/2020 level 2). */
    ethnicityCode: text("ethnicity_code"),
    occupationCode: text("occupation_code"),
    /** Address after the 2025 reform: province (2 digits), commune (5 digits), and the rest as typed. */
    provinceCode: text("province_code"),
    communeCode: text("commune_code"),
    street: text("street"),
    /** Who to call and who decides for a child (required under 6 years). */
    guardianName: text("guardian_name"),
    guardianRelation: text("guardian_relation"),
    guardianPhone: text("guardian_phone"),
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
    // Exact lookups and duplicate checks at reception, equality only (leakproof), led by tenant_id.
    index("patients_tenant_citizen_id_idx").on(t.tenantId, t.citizenId),
    index("patients_tenant_insurance_number_idx").on(t.tenantId, t.insuranceNumber),
    index("patients_tenant_social_insurance_idx").on(t.tenantId, t.socialInsuranceNumber),
    // Duplicate check "same phone and birth date" and the like: equality on phone, then the birth date.
    index("patients_tenant_phone_birth_idx").on(t.tenantId, t.phone, t.birthDate),
    // Reception's "recently registered", newest first.
    index("patients_tenant_created_idx").on(t.tenantId, t.createdAt),
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
