// An ICD-10 code as screens see it (client-safe).
export type Icd10Mark = "" | "†" | "*";
export type Icd10Code = { code: string; nameVi: string; nameEn: string; mark: Icd10Mark };

/** Longest search text: no code or disease name needs more. */
export const ICD10_QUERY_MAX_LENGTH = 80;
export const ICD10_SEARCH_LIMIT = 20;
