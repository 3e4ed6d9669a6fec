// Find before you create (issue 8): the patients a new registration probably repeats, shown before a
// second record is made. Each rule is an equality on an index led by tenant_id (leakproof operators
// only, so the index is used under forced row-level security: decision 014, docs/architecture.md §2):
//   same citizen ID                       patients_tenant_citizen_id_idx
//   same insurance card or BHXH number    patients_tenant_insurance_number_idx / _social_insurance_idx
//   same name (diacritics ignored) + birth   patients_tenant_name_idx, birth date checked on the row
//   same phone + birth date               patients_tenant_phone_birth_idx
// Looking is a read of patient data, so it is audited like a search.
import { sql, type SQL } from "drizzle-orm";
import { patients } from "~db/schema";
import { rowsOf, type TenantTx } from "~db/scope.server";
import { PATIENT_AUDIT_ACTIONS, type PatientSummary } from "~/patients/patient";
import type { PatientInput } from "~/patients/patient-input";

export const DUPLICATE_REASONS = ["citizenId", "insuranceNumber", "nameBirth", "phoneBirth"] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export type LikelyDuplicate = PatientSummary & { reasons: DuplicateReason[] };

/** More than this many look-alikes says "search instead"; the panel lists the first ones. */
const DUPLICATES_SHOWN = 10;

/** The birth date as a range: the day, or the whole year when only the year is known (either side). */
function birthMatches(input: PatientInput): SQL {
  if (input.birthDatePrecision === "year") {
    const year = input.birthDate.slice(0, 4);
    return sql`${patients.birthDate} between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`;
  }
  // A record holding only the year (1 January, precision "year") matches any day of that year.
  return sql`(${patients.birthDate} = ${input.birthDate}::date
    or (${patients.birthDatePrecision} = 'year' and ${patients.birthDate} = ${`${input.birthDate.slice(0, 4)}-01-01`}::date))`;
}

export async function findLikelyDuplicates(t: TenantTx, input: PatientInput, options: { exceptId?: string } = {}): Promise<LikelyDuplicate[]> {
  const details = input.details ?? {};
  const rules: { reason: DuplicateReason; where: SQL }[] = [];
  if (details.citizenId) rules.push({ reason: "citizenId", where: sql`${patients.citizenId} = ${details.citizenId}` });
  if (details.insuranceNumber) {
    rules.push({ reason: "insuranceNumber", where: sql`${patients.insuranceNumber} = ${details.insuranceNumber}` });
    // The same person's new card keeps the 10-digit social-insurance number.
    rules.push({ reason: "insuranceNumber", where: sql`${patients.socialInsuranceNumber} = ${details.insuranceNumber.slice(-10)}` });
  }
  rules.push({
    reason: "nameBirth",
    where: sql`(${patients.searchName} collate "C") = emr_search_text(${input.fullName}) and ${birthMatches(input)}`,
  });
  if (input.phone) rules.push({ reason: "phoneBirth", where: sql`${patients.phone} = ${input.phone} and ${birthMatches(input)}` });

  const except = options.exceptId ? sql` and ${patients.id} <> ${options.exceptId}` : sql``;
  const branches = rules.map(
    ({ reason, where }) => sql`(select ${patients.id} as id, ${reason}::text as reason from ${patients}
      where ${patients.tenantId} = ${t.tenantId} and ${where}${except} limit ${DUPLICATES_SHOWN})`,
  );
  const rows = rowsOf<{ id: string; mrn: string; full_name: string; birth_date: string; sex: PatientSummary["sex"]; phone: string | null; reasons: DuplicateReason[] }>(
    await t.db.execute(sql`select p.id, p.mrn, p.full_name, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.sex, p.phone,
        array_agg(distinct m.reason) as reasons
      from (${sql.join(branches, sql` union all `)}) m
      join ${patients} p on p.tenant_id = ${t.tenantId} and p.id = m.id
      group by p.id, p.mrn, p.full_name, p.birth_date, p.sex, p.phone
      order by p.mrn
      limit ${DUPLICATES_SHOWN}`),
  );
  const found = rows.map((row) => ({
    id: row.id,
    mrn: row.mrn,
    fullName: row.full_name,
    birthDate: row.birth_date,
    sex: row.sex,
    phone: row.phone,
    reasons: DUPLICATE_REASONS.filter((reason) => parseArray(row.reasons).includes(reason)),
  }));
  t.audit({ action: PATIENT_AUDIT_ACTIONS.search, details: { duplicateCheck: true, results: found.length } });
  return found;
}

/** postgres.js gives text[] as an array; PGlite may give the literal "{a,b}". */
function parseArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value === "string") return value.replace(/^\{|\}$/g, "").split(",").filter(Boolean);
  return [];
}

/** The patient holding this citizen ID (the newest, if it was registered twice), or null. Audited. */
export async function findPatientByCitizenId(t: TenantTx, citizenId: string): Promise<{ id: string } | null> {
  const [row] = rowsOf<{ id: string }>(
    await t.db.execute(sql`select ${patients.id} as id from ${patients}
      where ${patients.tenantId} = ${t.tenantId} and ${patients.citizenId} = ${citizenId}
      order by ${patients.createdAt} desc limit 1`),
  );
  t.audit({ action: PATIENT_AUDIT_ACTIONS.search, details: { citizenIdScan: true, results: row ? 1 : 0 } });
  return row ?? null;
}
