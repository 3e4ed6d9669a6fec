// What a printout of a visit needs, read in one tenant transaction. Printing is a chart read: each
// printout writes a `print.<kind>` audit entry with its lookup code, and the results it shows are
// audited like any other read of results (decision 049).
import { findCommune, findProvince } from "~/reference/admin-units.server";
import { sql } from "drizzle-orm";
import QRCode from "qrcode";
import { patients } from "~db/schema";
import { rowsOf, type TenantTx } from "~db/scope.server";
import { listVisitOrders } from "~/orders/orders.server";
import { getVisitHeader, type VisitHeader } from "~/orders/visit-header.server";
import type { OrderView } from "~/orders/order";
import { getVisitPrescription, type PrescriptionView } from "~/prescriptions/prescriptions.server";
import { visitClinicalSummary, type VisitClinicalSummary } from "./record-sources.server";

export const PRINT_KINDS = ["prescription", "record"] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

/** Identity details that reception records (address, insurance card, personal ID), when the patients table has them. */
export type PatientExtras = { address: string | null; insuranceNumber: string | null; nationalId: string | null };

// Reception's registration (issue 8) adds these columns; the names are not fixed yet, so the printout
// takes the first present of a few likely ones. LEAD: replace with reception's own reader at merge.
const EXTRA_COLUMNS: Record<keyof PatientExtras, string[]> = {
  address: ["street", "address", "address_line", "street_address", "full_address"],
  insuranceNumber: ["insurance_number", "insurance_card_number", "bhyt_number", "health_insurance_number"],
  nationalId: ["citizen_id", "national_id", "cccd", "personal_id"],
};

async function readPatientExtras(t: TenantTx, patientId: string): Promise<PatientExtras> {
  const [row] = rowsOf<{ data: Record<string, unknown> }>(
    await t.db.execute(sql`select to_jsonb(p) as data from ${patients} p where p.tenant_id = ${t.tenantId} and p.id = ${patientId}`),
  );
  const data = row?.data ?? {};
  const pick = (names: string[]) => {
    for (const name of names) {
      const value = data[name];
      if (typeof value === "string" && value.trim()) return value.trim();
    }
    return null;
  };
  // The address as reception records it: street, then the 2025 commune and province (app/reference).
  const province = typeof data.province_code === "string" ? findProvince(data.province_code)?.name : undefined;
  const commune = typeof data.commune_code === "string" ? findCommune(data.commune_code)?.name : undefined;
  const address = [pick(EXTRA_COLUMNS.address), commune, province].filter(Boolean).join(", ") || null;
  return { address, insuranceNumber: pick(EXTRA_COLUMNS.insuranceNumber), nationalId: pick(EXTRA_COLUMNS.nationalId) };
}

/** The short code printed on the paper to find the record again: the visit id's first 8 hex digits. */
export function lookupCodeOf(visitId: string): string {
  const hex = visitId.replace(/-/g, "").slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

/** The QR code as an SVG data URL (an <img>, so the page's Content-Security-Policy needs nothing new). */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

export type PrintData = {
  kind: PrintKind;
  visit: VisitHeader;
  extras: PatientExtras;
  prescription: PrescriptionView;
  orders: OrderView[];
  clinical: VisitClinicalSummary;
  lookupCode: string;
  recordUrl: string;
  qr: string;
  printedAt: Date;
};

/**
 * Everything a printout of the visit shows, or null when the id is not a visit of this hospital.
 * `origin` and `slug` make the record's address in the QR code.
 */
export async function loadPrintData(
  t: TenantTx,
  visitId: string,
  kind: PrintKind,
  place: { origin: string; slug: string },
  now: Date = new Date(),
): Promise<PrintData | null> {
  const visit = await getVisitHeader(t, visitId, `print-${kind}`);
  if (!visit) return null;
  const [extras, prescription, orders, clinical] = await Promise.all([
    readPatientExtras(t, visit.patientId),
    getVisitPrescription(t, visit.id, visit.patientId),
    kind === "record" ? listVisitOrders(t, visit.id, "print") : Promise.resolve([]),
    kind === "record" ? visitClinicalSummary(t, visit.id) : visitClinicalSummary(t, visit.id, { diagnosesOnly: true }),
  ]);
  const lookupCode = lookupCodeOf(visit.id);
  const recordUrl = `${place.origin}/h/${place.slug}/visits/${visit.id}`;
  t.audit({ action: `print.${kind}`, entityType: "visits", entityId: visit.id, patientId: visit.patientId, details: { lookupCode } });
  return { kind, visit, extras, prescription, orders, clinical, lookupCode, recordUrl, qr: await qrDataUrl(recordUrl), printedAt: now };
}

