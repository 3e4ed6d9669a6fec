// Finding a patient at reception: by name without caring about diacritics, by record number, or by
// phone. Every search, including the plain list, is a read of patient data and goes to the audit log.
//
// Built for a 100,000-patient hospital under forced row-level security (decision 014): the policy is a
// security barrier, so only leakproof conditions (=, <, starts_with) may pick index entries ahead of it.
// Every match is therefore an index range on an index led by tenant_id, read in index order and stopped
// early; the count is capped, never a count of the whole hospital.
import { sql, type SQL } from "drizzle-orm";
import { patients, patientSearchWords } from "~db/schema";
import { rowsOf, type TenantTx } from "~db/scope.server";
import {
  PATIENT_AUDIT_ACTIONS,
  PATIENT_PAGE_SIZE,
  PATIENT_PAGE_SIZE_MAX,
  PATIENT_QUERY_MAX_LENGTH,
  type PatientSummary,
} from "./patient";
import { phoneSearchPrefixes } from "./phone";

export const PATIENT_SEARCH_MODES = {
  /** No query: everyone, in name order. */
  all: "all",
  /** Only digits (and a leading +): record number (exact or prefix) or phone number (prefix). */
  number: "number",
  /** Anything else: every word of the query begins a word of the name, diacritics ignored. */
  name: "name",
} as const;
export type PatientSearchMode = (typeof PATIENT_SEARCH_MODES)[keyof typeof PATIENT_SEARCH_MODES];

/** Matches are counted up to this many and no further: the list then says "100+". */
export const PATIENT_COUNT_CAP = 100;
/** Words of a query looked at; more cannot narrow a name further. */
const QUERY_WORDS_MAX = 6;
/** Below this many expected entries for the driving word, all its matches are ranked (a bounded sort). */
const WORD_RANK_ALL_BELOW = 1000;

export type PatientSearch = {
  query?: string;
  limit?: number;
  offset?: number;
};

export type PatientSearchResult = {
  /** The query as it was searched (tidied). */
  query: string;
  mode: PatientSearchMode;
  /** How many patients match, counted no further than the page needs and at least PATIENT_COUNT_CAP. */
  total: number;
  /** More than `total` match (the count stopped at its cap). */
  totalCapped: boolean;
  limit: number;
  offset: number;
  patients: PatientSummary[];
};

/** Tidies what was typed: NFC (decomposed marks would not match), trimmed, single spaces, capped. */
export function tidyPatientQuery(query: string | undefined): string {
  return (query ?? "").normalize("NFC").replace(/\s+/g, " ").trim().slice(0, PATIENT_QUERY_MAX_LENGTH).trim();
}

/** Separators people type inside numbers: "0912 345 678", "0912.345.678", "+84 (912) 345-678". */
const NUMBER_QUERY = /^\+?[\d\s.()-]+$/;

export function patientSearchMode(query: string): PatientSearchMode {
  if (query === "") return PATIENT_SEARCH_MODES.all;
  if (NUMBER_QUERY.test(query) && /\d/.test(query)) return PATIENT_SEARCH_MODES.number;
  return PATIENT_SEARCH_MODES.name;
}

/**
 * Matching patient ids, best first, as one statement built from parts that are index ranges read in
 * index order and stopped at a LIMIT, whatever the hospital's size; no part lists a patient that an
 * earlier one did. Null when nothing can match.
 */
type Candidates = SQL | null;

const w = patientSearchWords;
/** search_name in byte order, as patients_tenant_name_idx has it. */
const nameC = sql`(${patients.searchName} collate "C")`;

/**
 * The typed words, each normalised in SQL by the same function as search_name (unaccent, lower case).
 * As a constant argument, emr_search_text(...) is folded by the planner before it looks at indexes, so
 * starts_with on it is still an index range; and no extra round trip is spent normalising.
 */
function typedWords(query: string): SQL[] {
  const words = [...new Set(query.toLowerCase().split(" ").filter((word) => word !== ""))];
  return words.slice(0, QUERY_WORDS_MAX).map((word) => sql`emr_search_text(${word})`);
}

type DrivingWord = { word: SQL; entries: number };
type PlanNode = { "Node Type": string; "Plan Rows": number; Plans?: PlanNode[] };

function findAppend(node: PlanNode): PlanNode | undefined {
  if (node["Node Type"] === "Append") return node;
  for (const child of node.Plans ?? []) {
    const found = findAppend(child);
    if (found) return found;
  }
  return undefined;
}

/**
 * The word whose prefix the planner expects to have the fewest index entries in this hospital: it
 * drives the search, the others are checked on the rows it yields. Planner estimates (one EXPLAIN,
 * nothing executed) tell "huynh" from "ng" where counting capped ranges could not; ties go to the
 * later word, usually the given name.
 */
async function drivingWord(t: TenantTx, words: SQL[]): Promise<DrivingWord> {
  const branches = words.map(
    (word, i) => sql`select ${i}::int as i from ${w} where ${w.tenantId} = ${t.tenantId} and starts_with(${w.word}, ${word})`,
  );
  const [row] = rowsOf<{ "QUERY PLAN": unknown }>(
    await t.db.execute(sql`explain (format json) ${sql.join(branches, sql` union all `)}`),
  );
  const plan = row?.["QUERY PLAN"];
  const root = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan: PlanNode }[];
  const estimates = findAppend(root[0]!.Plan)?.Plans?.map((p) => p["Plan Rows"]) ?? [];
  let best = words.length - 1;
  estimates.forEach((rows, i) => {
    if (rows < estimates[best]!) best = i;
  });
  return { word: words[best]!, entries: estimates[best] ?? WORD_RANK_ALL_BELOW };
}

/**
 * Ordered parts as one statement (one round trip). Each part stops at `wanted` rows on its own, and a
 * part runs only while the parts before it have found fewer than `wanted` (a one-time gate), so common
 * words that fill the page in the first part cost nothing more; the rows keep the parts' order.
 */
function inOrder(parts: SQL[], wanted: number): SQL {
  const name = (i: number) => sql.identifier(`part_${i}`);
  const ctes = parts.map((part, i) => {
    const before = parts.slice(0, i).map((_, j) => sql`(select count(*) from ${name(j)})`);
    const gate = i === 0 ? sql`` : sql` where ${sql.join(before, sql` + `)} < ${wanted}`;
    return sql`${name(i)} as materialized (
      select ${i}::int as part, row_number() over () as n, s.patient_id from (${part} limit ${wanted}) s${gate})`;
  });
  const reads = parts.map((_, i) => sql`select part, n, patient_id from ${name(i)}`);
  return sql`with ${sql.join(ctes, sql`, `)}
    select c.patient_id from (${sql.join(reads, sql` union all `)}) c order by c.part, c.n`;
}

/**
 * Names where every typed word begins a word, whole words first (so "nguyen an" lists Nguyễn Văn An
 * before Nguyễn Văn Anh), then in name order.
 *
 * When the driving word's range is small (under WORD_RANK_ALL_BELOW entries) all its matches are ranked by
 * how many typed words are whole words of the name, a bounded sort. Otherwise every word is common
 * (e.g. "nguyen thi" among 100,000) and the page is read in index order: names that begin with what
 * was typed (reception types from the family name), then the driving word's exact matches, then its
 * longer words.
 */
function nameCandidates(t: TenantTx, query: string, driver: DrivingWord, words: SQL[], wanted: number): Candidates {
  const others = words.filter((word) => word !== driver.word);
  // Checked on the word row's copy of search_name, after the tenant's index range has been read.
  const alsoMatches = sql.join(others.map((o) => sql` and position(' ' || ${o} in ' ' || ${w.searchName}) > 0`));
  if (driver.entries < WORD_RANK_ALL_BELOW) {
    const partWords = words.map(
      (q) => sql`(case when position(' ' || ${q} || ' ' in ' ' || ${w.searchName} || ' ') > 0 then 0 else 1 end)`,
    );
    return sql`select ${w.patientId} as patient_id from ${w}
      where ${w.tenantId} = ${t.tenantId} and starts_with(${w.word}, ${driver.word})${alsoMatches}
      group by ${w.patientId}, ${w.searchName}
      order by ${sql.join(partWords, sql` + `)}, ${w.searchName}, ${w.patientId}`;
  }
  const phrase = sql`emr_search_text(${query.toLowerCase()})`;
  const parts: SQL[] = [];
  let notListed = sql``;
  if (words.length > 1) {
    parts.push(sql`select ${patients.id} as patient_id from ${patients}
      where ${patients.tenantId} = ${t.tenantId} and starts_with(${nameC}, ${phrase})
      order by ${nameC}, ${patients.mrn}`);
    notListed = sql` and not starts_with(${w.searchName}, ${phrase})`;
  }
  parts.push(sql`select ${w.patientId} as patient_id from ${w}
    where ${w.tenantId} = ${t.tenantId} and ${w.word} = ${driver.word}${alsoMatches}${notListed}
    order by ${w.searchName}, ${w.patientId}`);
  // A patient appears once, under the first of their words that the driving word begins (and not at
  // all here if one of their words is the driving word itself).
  parts.push(sql`select ${w.patientId} as patient_id from ${w}
    where ${w.tenantId} = ${t.tenantId} and starts_with(${w.word}, ${driver.word}) and ${w.word} <> ${driver.word}
      and not exists (select 1 from ${w} x where x.tenant_id = ${t.tenantId} and x.patient_id = ${w.patientId}
        and starts_with(x.word, ${driver.word}) and x.word < ${w.word})${alsoMatches}${notListed}
    order by ${w.word}, ${w.searchName}, ${w.patientId}`);
  return inOrder(parts, wanted);
}

/** The record number exactly, then record numbers beginning with the digits, then phones beginning so. */
function numberCandidates(t: TenantTx, query: string, wanted: number): Candidates {
  const digits = query.replace(/\D/g, "");
  const phones = phoneSearchPrefixes(query);
  const mrnC = sql`(${patients.mrn} collate "C")`;
  const phoneC = sql`(${patients.phone} collate "C")`;
  const parts: SQL[] = [];
  const international = query.startsWith("+");
  if (!international) {
    parts.push(sql`select ${patients.id} as patient_id from ${patients}
      where ${patients.tenantId} = ${t.tenantId} and ${patients.mrn} = ${digits}`);
    parts.push(sql`select ${patients.id} as patient_id from ${patients}
      where ${patients.tenantId} = ${t.tenantId} and starts_with(${mrnC}, ${digits}) and ${patients.mrn} <> ${digits}
      order by ${mrnC}`);
  }
  for (const prefix of phones) {
    // A patient already listed by record number is not listed again for the phone.
    const notByMrn = international ? sql`` : sql` and not starts_with(${patients.mrn}, ${digits})`;
    parts.push(sql`select ${patients.id} as patient_id from ${patients}
      where ${patients.tenantId} = ${t.tenantId} and starts_with(${phoneC}, ${prefix})${notByMrn}
      order by ${phoneC}, ${patients.id}`);
  }
  return parts.length === 0 ? null : inOrder(parts, wanted);
}

/** Everyone, in name order: the tenant's (search_name, mrn) index read from its start. */
function everyoneCandidates(t: TenantTx): Candidates {
  return sql`select ${patients.id} as patient_id from ${patients} where ${patients.tenantId} = ${t.tenantId}
    order by ${nameC}, ${patients.mrn}`;
}

async function searchCandidates(t: TenantTx, mode: PatientSearchMode, query: string, wanted: number): Promise<Candidates> {
  if (mode === PATIENT_SEARCH_MODES.all) return everyoneCandidates(t);
  if (mode === PATIENT_SEARCH_MODES.number) return numberCandidates(t, query, wanted);
  const words = typedWords(query);
  if (words.length === 0) return null;
  // One word needs no probe: its exact matches, then its longer words, is already the ranking.
  const driver = words.length === 1 ? { word: words[0]!, entries: WORD_RANK_ALL_BELOW } : await drivingWord(t, words);
  return nameCandidates(t, query, driver, words, wanted);
}

/** One matching id; its patient's columns only when it falls on the page (null otherwise). */
type PageRow = {
  patient_id: string;
  mrn: string | null;
  full_name: string;
  birth_date: string;
  sex: PatientSummary["sex"];
  phone: string | null;
};

function toSummary(row: PageRow): PatientSummary {
  return { id: row.patient_id, mrn: row.mrn!, fullName: row.full_name, birthDate: row.birth_date, sex: row.sex, phone: row.phone };
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

  // One bounded read gives both the page and the capped count: ids up to the end of the page, or up
  // to the cap, and one more to tell whether there are more.
  const countTo = Math.max(PATIENT_COUNT_CAP, offset + limit);
  const candidates = await searchCandidates(t, mode, query, countTo + 1);
  // The page's rows come with the ids that fall on it, in the same statement; RLS already limits them
  // to this hospital and the explicit tenant filter is the second layer (docs/architecture.md §2).
  const rows = candidates
    ? rowsOf<PageRow>(
        await t.db.execute(sql`select c.patient_id, r.mrn, r.full_name, r.birth_date, r.sex, r.phone
          from (select s.patient_id, row_number() over () as n from (${candidates} limit ${countTo + 1}) s) c
          left join lateral (
            select ${patients.mrn} as mrn, ${patients.fullName} as full_name, ${patients.sex} as sex,
                   ${patients.phone} as phone, to_char(${patients.birthDate}, 'YYYY-MM-DD') as birth_date
            from ${patients}
            where c.n > ${offset} and c.n <= ${offset + limit}
              and ${patients.tenantId} = ${t.tenantId} and ${patients.id} = c.patient_id) r on true
          order by c.n`),
      )
    : [];
  const found = rows.length;
  const page = rows.flatMap((row) => (row.mrn === null ? [] : [toSummary(row)]));
  const total = Math.min(found, countTo);

  // The search text may name a patient; it stays in this hospital's own audit log.
  t.audit({ action: PATIENT_AUDIT_ACTIONS.search, details: { query, results: total } });
  return { query, mode, total, totalCapped: found > countTo, limit, offset, patients: page };
}
