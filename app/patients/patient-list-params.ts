// The patient list's address: ?q=<search>&page=<n>. Anything odd falls back to the first page of
// everyone rather than an error: a mistyped URL should still land on a usable list.
import { PATIENT_QUERY_MAX_LENGTH } from "./patient";

export const PATIENT_PAGE_MAX = 10_000;

export type PatientListParams = { query: string; page: number };

export function readPatientListParams(params: URLSearchParams): PatientListParams {
  const query = (params.get("q") ?? "").slice(0, PATIENT_QUERY_MAX_LENGTH * 2);
  const pageText = params.get("page") ?? "";
  const page = /^\d{1,5}$/.test(pageText) ? Math.min(Math.max(Number(pageText), 1), PATIENT_PAGE_MAX) : 1;
  return { query, page };
}

/** The list's address for a query and page, leaving out what is default. */
export function patientListHref(hospitalSlug: string, params: Partial<PatientListParams>): string {
  const search = new URLSearchParams();
  if (params.query) search.set("q", params.query);
  if (params.page && params.page > 1) search.set("page", String(params.page));
  const qs = search.toString();
  return `/h/${hospitalSlug}/patients${qs ? `?${qs}` : ""}`;
}
