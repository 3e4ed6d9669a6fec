// The ICD-10 catalog, kept in memory (decision 047): the Ministry's 12,137 codes are the same for every
// hospital, change only with a release, and a search over them is a scan of one precomputed array
// (well under a millisecond), so there is no table, no row-level security question and no round trip.
// Server only: the data never reaches a browser bundle.
import codesData from "./data/icd10-codes.json";
import { foldText } from "./fold";
import { ICD10_QUERY_MAX_LENGTH, ICD10_SEARCH_LIMIT, type Icd10Code, type Icd10Mark } from "./icd10";

type Entry = Icd10Code & { nodot: string; folded: string; foldedVi: string; foldedEn: string };

let catalog: { list: Entry[]; byCode: Map<string, Entry> } | undefined;

function load() {
  if (catalog) return catalog;
  const list: Entry[] = (codesData as [string, string, string, string][]).map(([code, nameVi, nameEn, mark]) => {
    // Leading space: a word of the query must start a word of the name.
    const foldedVi = ` ${foldText(nameVi)}`;
    const foldedEn = ` ${foldText(nameEn)}`;
    return { code, nameVi, nameEn, mark: mark as Icd10Mark, nodot: code.replace(".", "").toLowerCase(), folded: foldedVi + foldedEn, foldedVi, foldedEn };
  });
  const byCode = new Map<string, Entry>();
  for (const entry of list) byCode.set(entry.nodot, entry);
  catalog = { list, byCode };
  return catalog;
}

const strip = ({ code, nameVi, nameEn, mark }: Entry): Icd10Code => ({ code, nameVi, nameEn, mark });

/** Normalises "j189", "J18.9", " j18.9† " to the catalog's key (no dot, lower case). */
function keyOf(code: string): string {
  return code.replace(/[†*\s.]/g, "").toLowerCase();
}

/** The code as the catalog has it, or null. Accepts it with or without the dot. */
export function findIcd10(code: string): Icd10Code | null {
  const entry = load().byCode.get(keyOf(code));
  return entry ? strip(entry) : null;
}

const CODE_LIKE = /^[a-z]\d{0,2}(\.?\d{0,2})?$/i;

/**
 * Codes by code prefix ("j18", "J18.9") or by words of the Vietnamese or English name, typed with or
 * without diacritics ("viem phoi", "pneumonia"); each word must start a word of the name. Codes first
 * in the catalog's order.
 */
export function searchIcd10(query: string, limit = ICD10_SEARCH_LIMIT): Icd10Code[] {
  const text = query.slice(0, ICD10_QUERY_MAX_LENGTH).trim();
  if (!text) return [];
  const { list } = load();
  const found: Icd10Code[] = [];
  if (CODE_LIKE.test(text)) {
    const prefix = keyOf(text);
    for (const entry of list) {
      if (entry.nodot.startsWith(prefix)) found.push(strip(entry));
      if (found.length >= limit) return found;
    }
    if (found.length > 0) return found;
  }
  const words = foldText(text)
    .split(" ")
    .filter((w) => w.length > 0)
    .map((w) => ` ${w}`);
  if (words.length === 0) return found;
  // Names that begin with what was typed come first ("viem phoi" -> "Viêm phổi ..." before
  // "... có viêm phổi"), then the catalog's order.
  const phrase = words.join("");
  const starting: Icd10Code[] = [];
  const containing: Icd10Code[] = [];
  for (const entry of list) {
    if (!words.every((w) => entry.folded.includes(w))) continue;
    if (entry.foldedVi.startsWith(phrase) || entry.foldedEn.startsWith(phrase)) {
      starting.push(strip(entry));
      if (starting.length >= limit) break;
    } else if (containing.length < limit) containing.push(strip(entry));
  }
  return [...found, ...starting, ...containing].slice(0, limit);
}
