// Finding a patient at reception: by name without caring about diacritics, by record number, or by
// phone. Every search, including the plain list, is a read of patient data and goes to the audit log.
import { and, asc, count, eq, or, sql, type SQL } from "drizzle-orm";
import { patients } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { patientSummaryColumns } from "./patient-columns.server";
import {
  PATIENT_AUDIT_ACTIONS,
  PATIENT_PAGE_SIZE,
  PATIENT_PAGE_SIZE_MAX,
  PATIENT_QUERY_MAX_LENGTH,
  type PatientSummary,
} from "./patient";

export const PATIENT_SEARCH_MODES = {
  /** No query: everyone, in name order. */
  all: "all",
  /** Only digits: record number (exact or prefix) or phone number (prefix). */
  number: "number",
  /** Anything else: every word of the query begins a word of the name, diacritics ignored. */
  name: "name",
} as const;
export type PatientSearchMode = (typeof PATIENT_SEARCH_MODES)[keyof typeof PATIENT_SEARCH_MODES];

export type PatientSearch = {
  query?: string;
  limit?: number;
  offset?: number;
};

export type PatientSearchResult = {
  /** The query as it was searched (tidied). */
  query: string;
  mode: PatientSearchMode;
  /** How many patients match in all, for the count and the paging. */
  total: number;
  limit: number;
  offset: number;
  patients: PatientSummary[];
};

/** Tidies what was typed: NFC (decomposed marks would not match), trimmed, single spaces, capped. */
export function tidyPatientQuery(query: string | undefined): string {
  return (query ?? "").normalize("NFC").replace(/\s+/g, " ").trim().slice(0, PATIENT_QUERY_MAX_LENGTH).trim();
}

/** Separators people type inside numbers: "0912 345 678", "0912.345.678". */
const NUMBER_QUERY = /^[\d\s.-]+$/;

export function patientSearchMode(query: string): PatientSearchMode {
  if (query === "") return PATIENT_SEARCH_MODES.all;
  if (NUMBER_QUERY.test(query) && /\d/.test(query)) return PATIENT_SEARCH_MODES.number;
  return PATIENT_SEARCH_MODES.name;
}

/** `text` as a literal inside a LIKE pattern: the wildcards % and _ and the escape \ lose their meaning. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The user's text normalised by the same SQL function as the stored search_name, then escaped for LIKE
 * (in that order, so that normalising cannot produce a wildcard). Bound parameters throughout.
 */
function likeNormalised(text: string): SQL {
  return sql`replace(replace(replace(emr_search_text(${text}), ${"\\"}, ${"\\\\"}), ${"%"}, ${"\\%"}), ${"_"}, ${"\\_"})`;
}

type Match = { where: SQL | undefined; rank: SQL | undefined };

function nameConditions(query: string): Match {
  // Each word of the query must begin a word of the name, so "nguyen an" finds "Nguyễn Văn An" while
  // "an" does not match inside "Văn". Both LIKE shapes are served by the trigram index on search_name.
  const words = query.split(" ");
  const where = and(
    ...words.map((word) => {
      const w = likeNormalised(word);
      return sql`(${patients.searchName} like ${w} || '%' or ${patients.searchName} like '% ' || ${w} || '%')`;
    }),
  );
  // The whole name first, then names that begin with the phrase, then names containing it.
  const phrase = likeNormalised(query);
  const rank = sql`case
    when ${patients.searchName} = emr_search_text(${query}) then 0
    when ${patients.searchName} like ${phrase} || '%' then 1
    when ${patients.searchName} like '%' || ${phrase} || '%' then 2
    else 3 end`;
  return { where, rank };
}

function numberConditions(query: string): Match {
  const digits = query.replace(/\D/g, "");
  const prefix = sql`${escapeLike(digits)} || '%'`;
  const where = or(eq(patients.mrn, digits), sql`${patients.mrn} like ${prefix}`, sql`${patients.phone} like ${prefix}`)!;
  const rank = sql`case when ${patients.mrn} = ${digits} then 0 when ${patients.mrn} like ${prefix} then 1 else 2 end`;
  return { where, rank };
}

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(Math.max(Math.trunc(value), min), max);
}

export async function findPatients(t: TenantTx, search: PatientSearch = {}): Promise<PatientSearchResult> {
  const query = tidyPatientQuery(search.query);
  const mode = patientSearchMode(query);
  const limit = clamp(search.limit, PATIENT_PAGE_SIZE, 1, PATIENT_PAGE_SIZE_MAX);
  const offset = clamp(search.offset, 0, 0, Number.MAX_SAFE_INTEGER);

  const match: Match =
    mode === PATIENT_SEARCH_MODES.name
      ? nameConditions(query)
      : mode === PATIENT_SEARCH_MODES.number
        ? numberConditions(query)
        : { where: undefined, rank: undefined };
  // RLS already limits rows to this hospital; the explicit filter is the second layer (DESIGN.md §2)
  // and lets the planner use the tenant-leading indexes.
  const where = and(eq(patients.tenantId, t.tenantId), match.where);

  const [counted] = await t.db.select({ total: count() }).from(patients).where(where);
  const total = counted?.total ?? 0;
  const rows =
    total === 0 || offset >= total
      ? []
      : await t.db
          .select(patientSummaryColumns)
          .from(patients)
          .where(where)
          .orderBy(...(match.rank ? [match.rank] : []), asc(patients.searchName), asc(patients.mrn))
          .limit(limit)
          .offset(offset);

  // The search text may name a patient; it stays in this hospital's own audit log.
  t.audit({ action: PATIENT_AUDIT_ACTIONS.search, details: { query, results: total } });
  return { query, mode, total, limit, offset, patients: rows };
}
