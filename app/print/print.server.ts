// What a printout of a visit needs, read in one tenant transaction. Printing is a chart read: each
// printout writes a `print.<kind>` audit entry with its lookup code, and the results it shows are
// audited like any other read of results (decision 049).
import { and, eq } from "drizzle-orm";
import QRCode from "qrcode";
import { patients } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { listVisitOrders } from "~/orders/orders.server";
import { getVisitHeader, type VisitHeader } from "~/orders/visit-header.server";
import type { OrderView } from "~/orders/order";
import { getVisitPrescription, type PrescriptionView } from "~/prescriptions/prescriptions.server";
import { findCommune, findProvince } from "~/reference/admin-units.server";
import { visitClinicalSummary, type VisitClinicalSummary } from "./record-sources.server";

export const PRINT_KINDS = ["prescription", "record"] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

/** Identity details that reception records (address, insurance card, personal ID), when the patients table has them. */
export type PatientExtras = { address: string | null; insuranceNumber: string | null; nationalId: string | null };

/** What reception recorded: street, then the 2025 commune and province; the insurance card; the CCCD. */
async function readPatientExtras(t: TenantTx, patientId: string): Promise<PatientExtras> {
  const [row] = await t.db
    .select({
      street: patients.street,
      provinceCode: patients.provinceCode,
      communeCode: patients.communeCode,
      insuranceNumber: patients.insuranceNumber,
      citizenId: patients.citizenId,
    })
    .from(patients)
    .where(and(eq(patients.tenantId, t.tenantId), eq(patients.id, patientId)));
  if (!row) return { address: null, insuranceNumber: null, nationalId: null };
  const province = row.provinceCode ? findProvince(row.provinceCode)?.name : undefined;
  const commune = row.communeCode ? findCommune(row.communeCode)?.name : undefined;
  const address = [row.street?.trim() || undefined, commune, province].filter(Boolean).join(", ") || null;
  return { address, insuranceNumber: row.insuranceNumber, nationalId: row.citizenId };
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

