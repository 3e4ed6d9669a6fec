// Support access that the hospital controls (issue 9, decision 059). A staff member asks one hospital
// for access with a reason and a duration; the hospital's administrators approve, refuse or revoke it
// (or, for a hospital whose only administrator is locked out, two owner-role staff confirm it). A global
// table, not a tenant table: the staff side reads it in the platform scope. The hospital side reads it
// as emr_app under its own policy (only its own hospital's rows); nobody writes it directly: every
// change goes through the security-definer functions of the support custom migration, which enforce
// the transitions. app_tenant_id() reads it: a support transaction sees a hospital's rows only while
// an approved grant for (that hospital, that staff member) has not expired nor been revoked.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgPolicy, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { tenants } from "./platform";

/**
 * requested -> approved | refused | cancelled; approved -> revoked. "expired" is never stored: an
 * approved grant whose expires_at has passed is expired (the database compares with now()).
 */
export const SUPPORT_GRANT_STATUSES = ["requested", "approved", "refused", "revoked", "cancelled"] as const;
export type SupportGrantStatus = (typeof SUPPORT_GRANT_STATUSES)[number];

/** A working day at most. */
export const SUPPORT_MAX_MINUTES = 8 * 60;

export const supportGrants = pgTable(
  "support_grants",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    hospitalId: uuid("hospital_id")
      .notNull()
      .references(() => tenants.id),
    staffUserId: uuid("staff_user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    /** The preset the staff member chose (app/support/presets.ts) and the permissions it named then. */
    preset: text("preset").notNull(),
    permissions: text("permissions").array().notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    status: text("status", { enum: SUPPORT_GRANT_STATUSES }).notNull().default("requested"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The two-owner path for a hospital whose only administrator is locked out. */
    emergency: boolean("emergency").notNull().default(false),
    /** Owner-role staff who confirmed an emergency grant, in order; two distinct ones approve it. */
    emergencyConfirmedBy: uuid("emergency_confirmed_by").array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [
    index("support_grants_active_idx").on(t.hospitalId, t.staffUserId, t.expiresAt).where(sql`status = 'approved'`),
    index("support_grants_hospital_idx").on(t.hospitalId, t.requestedAt),
    index("support_grants_staff_idx").on(t.staffUserId, t.requestedAt),
    check("support_grants_duration", sql`duration_minutes between 1 and 480`),
    check("support_grants_reason", sql`length(btrim(reason)) between 1 and 2000`),
    check("support_grants_approved_times", sql`status = 'requested' or status = 'refused' or status = 'cancelled' or (starts_at is not null and expires_at is not null)`),
  ],
).enableRLS();
