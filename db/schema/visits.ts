// The outpatient visit: from the queue at reception to the signed note. Tenant tables (kit.ts). The
// clinical content of a visit (vitals, notes, diagnoses, orders, prescriptions) hangs off visits.id.
import { date, index, integer, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { patients } from "./patients";
import { rooms } from "./configuration";
import { tenantForeignKey, tenantTable, timestamps, version } from "./kit";

export const PAYERS = ["insurance", "self_pay"] as const;
export type Payer = (typeof PAYERS)[number];

/** waiting: queued; in_progress: called in; done: signed and closed; cancelled: left without being seen. */
export const VISIT_STATUSES = ["waiting", "in_progress", "done", "cancelled"] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const DISPOSITIONS = ["home", "follow_up", "admit", "transfer"] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const visits = tenantTable(
  "visits",
  {
    patientId: uuid("patient_id").notNull(),
    roomId: uuid("room_id").notNull(),
    /** The hospital's calendar day of the visit (Asia/Ho_Chi_Minh), which the queue number belongs to. */
    visitDate: date("visit_date", { mode: "string" }).notNull(),
    queueNumber: integer("queue_number").notNull(),
    payer: text("payer", { enum: PAYERS }).notNull(),
    status: text("status", { enum: VISIT_STATUSES }).notNull().default("waiting"),
    calledAt: timestamp("called_at", { withTimezone: true }),
    /** Who examines (set when called in). */
    clinicianId: uuid("clinician_id").references(() => users.id),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    signedBy: uuid("signed_by").references(() => users.id),
    disposition: text("disposition", { enum: DISPOSITIONS }),
    followUpDate: date("follow_up_date", { mode: "string" }),
    /** For a transfer: where to, and why (printed on the referral paper). */
    referralTo: text("referral_to"),
    referralReason: text("referral_reason"),
    createdBy: uuid("created_by").references(() => users.id),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    unique("visits_tenant_room_day_queue_key").on(t.tenantId, t.roomId, t.visitDate, t.queueNumber),
    tenantForeignKey("visits_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
    tenantForeignKey("visits_room_fk", { tenantId: t.tenantId, column: t.roomId }, rooms),
    // A room's worklist for a day, by status, in queue order.
    index("visits_tenant_day_room_status_idx").on(t.tenantId, t.visitDate, t.roomId, t.status, t.queueNumber),
    // A patient's visit timeline, newest first.
    index("visits_tenant_patient_idx").on(t.tenantId, t.patientId, t.createdAt),
  ],
);
