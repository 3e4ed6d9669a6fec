// Patients: the chart's root. A tenant table, declared through the kit (kit.ts).
import { sql } from "drizzle-orm";
import { date, index, text, unique, uuid } from "drizzle-orm/pg-core";
import { departments } from "./hospitals";
import { tenantForeignKey, tenantTable, timestamps, version } from "./kit";

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
    index("patients_search_name_trgm_idx").using("gin", sql`${t.searchName} gin_trgm_ops`),
    index("patients_tenant_name_idx").on(t.tenantId, t.searchName),
  ],
);
