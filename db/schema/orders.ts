// Orders, results and prescriptions of an outpatient visit. Tenant tables (kit.ts); each row names its
// patient (patient_id), so the write-audit trigger files every change in that chart's audit trail.
//
//   orders              a lab or imaging service asked for on a visit, routed to its room's worklist
//   order_results       what the lab or imaging room found: append-only, a correction is a new row that
//                       supersedes the previous one (docs/decisions/048-results-append-only.md)
//   prescriptions       one per visit: the prescriber and the advice (lời dặn)
//   prescription_items  one drug each, from the formulary, with dose, frequency, days and the quantity
import { date, index, integer, jsonb, numeric, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { formularyItems, rooms, services } from "./configuration";
import { users } from "./identity";
import { createdAt, tenantForeignKey, tenantTable, timestamps, version } from "./kit";
import { patients } from "./patients";
import { visits } from "./visits";

export const ORDER_STATUSES = ["ordered", "in_progress", "resulted", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orders = tenantTable(
  "orders",
  {
    visitId: uuid("visit_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    serviceId: uuid("service_id").notNull(),
    /** The lab or imaging room whose worklist gets the order: the service's room when it was ordered. */
    roomId: uuid("room_id").notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("ordered"),
    orderedBy: uuid("ordered_by").references(() => users.id),
    /** When the order set it came from, if any (order_sets.code). */
    orderSetCode: text("order_set_code"),
    resultedAt: timestamp("resulted_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledBy: uuid("cancelled_by").references(() => users.id),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey("orders_visit_fk", { tenantId: t.tenantId, column: t.visitId }, visits),
    tenantForeignKey("orders_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
    tenantForeignKey("orders_service_fk", { tenantId: t.tenantId, column: t.serviceId }, services),
    tenantForeignKey("orders_room_fk", { tenantId: t.tenantId, column: t.roomId }, rooms),
    index("orders_tenant_visit_idx").on(t.tenantId, t.visitId),
    // A room's worklist: its pending orders in arrival order, and what it finished today.
    index("orders_tenant_room_status_idx").on(t.tenantId, t.roomId, t.status, t.createdAt),
    index("orders_tenant_patient_idx").on(t.tenantId, t.patientId, t.createdAt),
  ],
);

export const RESULT_FLAGS = ["low", "normal", "high"] as const;
export type ResultFlag = (typeof RESULT_FLAGS)[number];

export const orderResults = tenantTable(
  "order_results",
  {
    orderId: uuid("order_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    /** A numeric result (lab), or null for a text one. */
    valueNumeric: numeric("value_numeric"),
    /** A text result (an imaging report), or a comment beside a number. */
    valueText: text("value_text"),
    /** Unit and reference range copied from the service when entered: later catalogue edits do not rewrite old results. */
    unit: text("unit"),
    referenceLow: numeric("reference_low"),
    referenceHigh: numeric("reference_high"),
    /** Computed from the value and the range; null for text results and unchecked ranges. */
    flag: text("flag", { enum: RESULT_FLAGS }),
    /** The row this one corrects; the corrected row stays, never overwritten. */
    supersedesId: uuid("supersedes_id"),
    enteredBy: uuid("entered_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    tenantForeignKey("order_results_order_fk", { tenantId: t.tenantId, column: t.orderId }, orders),
    tenantForeignKey("order_results_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
    tenantForeignKey("order_results_supersedes_fk", { tenantId: t.tenantId, column: t.supersedesId }, { tenantId: t.tenantId, id: t.id }),
    // A row is corrected at most once: corrections form a chain, whose end is the current result.
    unique("order_results_tenant_supersedes_key").on(t.tenantId, t.supersedesId),
    index("order_results_tenant_order_idx").on(t.tenantId, t.orderId, t.createdAt),
    index("order_results_tenant_patient_idx").on(t.tenantId, t.patientId, t.createdAt),
  ],
);

export const prescriptions = tenantTable(
  "prescriptions",
  {
    visitId: uuid("visit_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    prescriberId: uuid("prescriber_id").references(() => users.id),
    /** Lời dặn: advice printed under the drugs. */
    advice: text("advice"),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    unique("prescriptions_tenant_visit_key").on(t.tenantId, t.visitId),
    tenantForeignKey("prescriptions_visit_fk", { tenantId: t.tenantId, column: t.visitId }, visits),
    tenantForeignKey("prescriptions_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
    index("prescriptions_tenant_patient_idx").on(t.tenantId, t.patientId, t.createdAt),
  ],
);

/** active: on the prescription; removed: taken off before signing (kept, never deleted). */
export const PRESCRIPTION_ITEM_STATUSES = ["active", "removed"] as const;
export type PrescriptionItemStatus = (typeof PRESCRIPTION_ITEM_STATUSES)[number];

export const prescriptionItems = tenantTable(
  "prescription_items",
  {
    prescriptionId: uuid("prescription_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    formularyItemId: uuid("formulary_item_id").notNull(),
    /** Copied from the formulary when prescribed: what was prescribed stays what was printed. */
    drugName: text("drug_name").notNull(),
    activeIngredient: text("active_ingredient").notNull(),
    strength: text("strength").notNull(),
    unit: text("unit").notNull(),
    route: text("route").notNull(),
    /** Units per take (0.5 tablet allowed). */
    dosePerTake: numeric("dose_per_take").notNull(),
    timesPerDay: integer("times_per_day").notNull(),
    days: integer("days").notNull(),
    /** ceil(dose × times per day × days), in the formulary unit. */
    quantity: integer("quantity").notNull(),
    instructions: text("instructions"),
    /** The first day of taking it (the visit day): with `days`, whether it is still being taken. */
    startDate: date("start_date", { mode: "string" }).notNull(),
    /** Warnings the prescriber saw and went on past (allergy, duplicate ingredient). */
    acknowledgedWarnings: jsonb("acknowledged_warnings"),
    status: text("status", { enum: PRESCRIPTION_ITEM_STATUSES }).notNull().default("active"),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey("prescription_items_prescription_fk", { tenantId: t.tenantId, column: t.prescriptionId }, prescriptions),
    tenantForeignKey("prescription_items_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
    tenantForeignKey("prescription_items_formulary_fk", { tenantId: t.tenantId, column: t.formularyItemId }, formularyItems),
    index("prescription_items_tenant_prescription_idx").on(t.tenantId, t.prescriptionId),
    // The patient's current medicines: their items, newest first.
    index("prescription_items_tenant_patient_idx").on(t.tenantId, t.patientId, t.startDate),
  ],
);
