// What a hospital's data export holds (docs/decisions/053-tenant-data-export.md; the hospitals' own
// description is docs/data-export.md, and README.txt inside each archive): one JSON Lines file per table,
// each line one row, keys the database's column names, plus manifest.json. Data, so that a new tenant
// table is one line here or one line in EXPORT_LEFT_OUT (a test fails when a table is in neither).
import type { PgTable } from "drizzle-orm/pg-core";
import {
  allergies,
  auditEvents,
  beds,
  departments,
  diagnoses,
  formularyItems,
  hospitalProfiles,
  hospitalRoles,
  hospitalTemplates,
  memberships,
  noteAddenda,
  noteForms,
  orderResults,
  orders,
  orderSets,
  patients,
  prescriptionItems,
  prescriptions,
  problems,
  rooms,
  services,
  signatures,
  visitNotes,
  visits,
  vitals,
  workflowSteps,
} from "~db/schema";

/** The archive format's name and version, written into manifest.json. */
export const EXPORT_FORMAT = "emr-hospital-export/1";

export type ExportedTable = {
  /** The file in the archive. */
  file: string;
  /** The database table it comes from (its rows, this hospital's only). */
  table: string;
  source: PgTable;
  /** Memberships carry the staff member's name and e-mail too (from the sign-in identities). */
  withPeople?: true;
};

const jsonl = (table: string, source: PgTable, extra: Partial<ExportedTable> = {}): ExportedTable => ({ file: `${table}.jsonl`, table, source, ...extra });

/** Every file of the archive but manifest.json and README.txt, in the order written. */
export const EXPORTED_TABLES: readonly ExportedTable[] = [
  // The hospital's configuration.
  jsonl("hospital_profiles", hospitalProfiles),
  jsonl("hospital_templates", hospitalTemplates),
  jsonl("hospital_roles", hospitalRoles),
  jsonl("memberships", memberships, { withPeople: true }),
  jsonl("departments", departments),
  jsonl("rooms", rooms),
  jsonl("beds", beds),
  jsonl("services", services),
  jsonl("formulary_items", formularyItems),
  jsonl("note_forms", noteForms),
  jsonl("order_sets", orderSets),
  jsonl("workflow_steps", workflowSteps),
  // The records.
  jsonl("patients", patients),
  jsonl("visits", visits),
  jsonl("vitals", vitals),
  jsonl("visit_notes", visitNotes),
  jsonl("note_addenda", noteAddenda),
  jsonl("diagnoses", diagnoses),
  jsonl("allergies", allergies),
  jsonl("problems", problems),
  jsonl("signatures", signatures),
  jsonl("orders", orders),
  jsonl("order_results", orderResults),
  jsonl("prescriptions", prescriptions),
  jsonl("prescription_items", prescriptionItems),
  // Who read and changed what.
  jsonl("audit_events", auditEvents),
];

/** Tenant tables the archive leaves out, and why. */
export const EXPORT_LEFT_OUT: Readonly<Record<string, string>> = {
  patient_search_words: "derived from patients (the search index)",
  tenant_counters: "the next record number, derived from patients",
  audit_heads: "the chain's head; audit_events carries every entry's seq and hash",
  invitations: "pending invitations hold sign-in token hashes",
  data_exports: "the export requests themselves",
};

/** A row as it is written: the database's column names; times in ISO 8601 (UTC), bytes in hex. */
export function exportRow(row: Record<string, unknown>, columnNames: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const name = columnNames[key] ?? key;
    out[name] = value instanceof Date ? value.toISOString() : Buffer.isBuffer(value) ? value.toString("hex") : value instanceof Uint8Array ? Buffer.from(value).toString("hex") : value;
  }
  return out;
}

/** README.txt inside every archive: what the files are, in both languages. */
export function exportReadme(hospitalName: string, createdAt: Date): string {
  const files = EXPORTED_TABLES.map((t) => `  ${t.file}`).join("\n");
  return `${hospitalName}
Xuất dữ liệu / Data export — ${createdAt.toISOString()}
Định dạng / Format: ${EXPORT_FORMAT}

[Tiếng Việt]
Tệp này chứa toàn bộ dữ liệu của bệnh viện tại thời điểm xuất.
- Mỗi tệp .jsonl là một bảng: mỗi dòng là một bản ghi dạng JSON (UTF-8), khoá là tên cột trong cơ sở dữ liệu.
- Thời gian theo ISO 8601, giờ UTC; dữ liệu nhị phân (mã băm nhật ký) ở dạng hex.
- manifest.json ghi số dòng và mã SHA-256 của từng tệp để kiểm tra tệp còn nguyên vẹn.
- memberships.jsonl có thêm họ tên (display_name) và e-mail của nhân viên.
Mô tả đầy đủ các cột: tài liệu "data-export" đi kèm phần mềm.

[English]
This archive holds all of the hospital's data at the time of the export.
- Each .jsonl file is one table: one JSON object (UTF-8) per line, keyed by the database's column names.
- Times are ISO 8601 in UTC; binary values (audit chain hashes) are hex.
- manifest.json gives each file's row count and SHA-256, to check that nothing was lost or changed.
- memberships.jsonl also carries each staff member's display_name and email.
The full description of the columns is the "data-export" document shipped with the software.

Files / Các tệp:
${files}
  manifest.json
  README.txt
`;
}
