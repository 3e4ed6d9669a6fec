// Security events (decision 024): refused attempts an operator must be able to see, kept at platform
// level and written in their own transaction, so they survive the refused request's rollback. No patient
// data: a kind, who, which hospital, which route pattern, when, from where.
import { bigserial, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 *   tenant-lookup-miss  a member asked for a record id their hospital does not have (answered 404)
 *   not-a-member        a signed-in person asked for a hospital they do not belong to (answered 404)
 *   forbidden           a member lacked the permission, or the hospital is read-only (answered 403)
 *   sign-in-locked      a sign-in refused by throttling
 *   staff-code-locked   a platform staff sign-in's code step locked after too many wrong TOTP or
 *                       recovery codes (decision 055): the half-session ends
 */
export const SECURITY_EVENT_KINDS = ["tenant-lookup-miss", "not-a-member", "forbidden", "sign-in-locked", "staff-code-locked"] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const securityEvents = pgTable(
  "security_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind", { enum: SECURITY_EVENT_KINDS }).notNull(),
    // Not named tenant_id: this is a platform table read by operators, not a tenant table under RLS.
    hospitalId: uuid("hospital_id"),
    userId: uuid("user_id"),
    /** The route pattern (`/h/:hospital/patients/:patientId`), never the path with its ids. */
    route: text("route"),
    address: text("address"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("security_events_at_idx").on(t.at), index("security_events_hospital_idx").on(t.hospitalId, t.at)],
);
