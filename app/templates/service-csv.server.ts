// Services and prices from a CSV file (wizard step 5, settings): columns code,name,national_code,kind,price.
// Every row is checked first; one bad row and nothing is imported, and the person sees each row's
// problem. The file must be UTF-8 (Excel: "CSV UTF-8") and small; anything else gets a clear message.
import { parse } from "csv-parse/sync";
import { SERVICE_KINDS, type ServiceKind } from "~db/schema";
import type { ServiceImportRow } from "./configuration.server";

/** Larger than any real price list of a small hospital, well under the request limit. */
export const SERVICE_CSV_MAX_BYTES = 512 * 1024;
export const SERVICE_CSV_MAX_ROWS = 3000;
export const SERVICE_CSV_COLUMNS = ["code", "name", "national_code", "kind", "price"] as const;
type Column = (typeof SERVICE_CSV_COLUMNS)[number];

export type CsvFileProblem = "empty" | "tooLarge" | "notUtf8" | "unreadable" | "columns" | "tooManyRows";
export type CsvRowProblem = "code" | "name" | "nationalCode" | "kind" | "price" | "duplicate";
export type CsvRowError = { line: number; column: Column; problem: CsvRowProblem; value: string };

export type ServiceCsvResult =
  | { ok: true; rows: ServiceImportRow[] }
  | { ok: false; file: CsvFileProblem; rows?: undefined }
  | { ok: false; file?: undefined; rows: CsvRowError[] };

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const NATIONAL = /^\d{2}\.\d{4}\.\d{4}$/;
// Whole đồng, optionally grouped by thousands with dots, commas or spaces ("45.000", "1 250 000").
const PRICE = /^(\d{1,3}([., ]\d{3})+|\d{1,10})$/;

export function parseServiceCsv(bytes: Uint8Array): ServiceCsvResult {
  if (bytes.byteLength === 0) return { ok: false, file: "empty" };
  if (bytes.byteLength > SERVICE_CSV_MAX_BYTES) return { ok: false, file: "tooLarge" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, file: "notUtf8" };
  }
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch {
    return { ok: false, file: "unreadable" };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, file: "empty" };
  const names = header.map((h) => h.toLowerCase());
  const index = Object.fromEntries(SERVICE_CSV_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;
  if (Object.values(index).some((i) => i < 0)) return { ok: false, file: "columns" };
  if (body.length === 0) return { ok: false, file: "empty" };
  if (body.length > SERVICE_CSV_MAX_ROWS) return { ok: false, file: "tooManyRows" };

  const errors: CsvRowError[] = [];
  const rows: ServiceImportRow[] = [];
  const seen = new Set<string>();
  body.forEach((record, i) => {
    const line = i + 2; // the header is line 1
    const cell = (c: Column) => (record[index[c]] ?? "").trim();
    const problem = (column: Column, p: CsvRowProblem) => errors.push({ line, column, problem: p, value: cell(column).slice(0, 80) });
    const code = cell("code");
    if (!CODE.test(code)) problem("code", "code");
    else if (seen.has(code.toUpperCase())) problem("code", "duplicate");
    seen.add(code.toUpperCase());
    const name = cell("name");
    if (name.length < 1 || name.length > 200) problem("name", "name");
    const national = cell("national_code");
    if (national && !NATIONAL.test(national)) problem("national_code", "nationalCode");
    const kind = cell("kind").toLowerCase();
    if (!(SERVICE_KINDS as readonly string[]).includes(kind)) problem("kind", "kind");
    const price = cell("price");
    const priceVnd = PRICE.test(price) ? Number(price.replace(/[., ]/g, "")) : NaN;
    if (!Number.isSafeInteger(priceVnd) || priceVnd > 1_000_000_000) problem("price", "price");
    rows.push({ code, name, nationalCode: national || null, kind: kind as ServiceKind, priceVnd });
  });
  return errors.length ? { ok: false, rows: errors } : { ok: true, rows };
}
