// The platform: the tenant registry (later plans, billing and support grants). Global tables without
// tenant_id, reached only through withPlatform() (role emr_platform), which has no grant on patient data
// and none on password hashes, sessions or sign-in attempts (decision 020).
import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

// onboarding: signed up, walking the wizard (set-up only, no clinical writes); trial and active: in use;
// read_only: reads and exports only (billing trouble); suspended: members locked out, data kept.
export const TENANT_STATUSES = ["onboarding", "trial", "active", "read_only", "suspended"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    status: text("status", { enum: TENANT_STATUSES }).notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // From public sign-up (app/auth/sign-up.server.ts): the facility's 5-digit health-insurance code
    // (unique: one hospital per facility), and where it is (2025 administrative units, app/signup/data/).
    facilityCode: text("facility_code").unique(),
    provinceCode: text("province_code"),
    wardCode: text("ward_code"),
    /** When the first administrator proved their e-mail address; a hospital goes live only once verified. */
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    /** A practice copy names the real hospital it copies; null for a real hospital (decision 043). */
    trainingOf: uuid("training_of").references((): AnyPgColumn => tenants.id),
    /** When a practice copy was archived by "reset": kept (its audit log is never deleted), locked, never listed. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    /**
     * When the free trial ends (decision 058): set by go_live() to 30 days after going live, moved by the
     * console's "extend trial". Null before going live. No plan or billing is recorded yet.
     */
    trialEndsAt: timestamp("trial_ends_at", { withTimezone: true }),
  },
  (t) => [
    // At most one live practice copy per hospital.
    uniqueIndex("tenants_live_training_copy_key").on(t.trainingOf).where(sql`archived_at is null`),
  ],
);

/**
 * Per-hospital aggregates for the vendor's console (decision 057): counts only, never a patient's row,
 * written by refresh_tenant_stats() (SECURITY DEFINER, owned by emr_owner) from a pg-boss job, read by
 * the platform scope. Also the hospital's template and wizard progress, which live in its own (tenant)
 * tables that the platform cannot read.
 */
export const tenantStats = pgTable(
  "tenant_stats",
  {
    hospitalId: uuid("hospital_id")
      .primaryKey()
      .references(() => tenants.id),
    staffCount: integer("staff_count").notNull().default(0),
    patientCount: integer("patient_count").notNull().default(0),
    visits7d: integer("visits_7d").notNull().default(0),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }),
    /** An estimate (decision 057): the hospital's rows of the largest tables times their average size on disk. */
    approxBytes: bigint("approx_bytes", { mode: "number" })
      .notNull()
      .default(0),
    templateCode: text("template_code"),
    templateVersion: text("template_version"),
    /** The wizard's finished steps (hospital_profiles.completed_steps, app/setup/steps.ts). */
    setupSteps: text("setup_steps")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    // The console's sort orders, so that a page of 50 is an index scan (scripts/bench/console.ts).
    index("tenant_stats_patients_idx").on(t.patientCount, t.hospitalId),
    index("tenant_stats_visits_idx").on(t.visits7d, t.hospitalId),
    index("tenant_stats_activity_idx").on(t.lastActivityAt, t.hospitalId),
    index("tenant_stats_bytes_idx").on(t.approxBytes, t.hospitalId),
    index("tenant_stats_template_idx").on(t.templateCode, t.templateVersion),
  ]
);

/** Usage per hospital and day (the tenant page's chart): counts only, refreshed with tenant_stats. */
export const tenantUsageDaily = pgTable(
  "tenant_usage_daily",
  {
    hospitalId: uuid("hospital_id")
      .notNull()
      .references(() => tenants.id),
    day: date("day", { mode: "string" }).notNull(),
    visits: integer("visits").notNull().default(0),
    patientsRegistered: integer("patients_registered").notNull().default(0),
    activeStaff: integer("active_staff").notNull().default(0),
  },
  (t) => [
    primaryKey({
      columns: [t.hospitalId, t.day],
      name: "tenant_usage_daily_pkey",
    }),
  ]
);

/**
 * What platform staff did in the console (decision 056): accounts created, roles changed, hospitals
 * suspended, support requested. Append-only: emr_platform may INSERT and SELECT, never UPDATE or
 * DELETE. Never patient data: an action name, who, which hospital, and a few words of details.
 * (What staff do inside a hospital under a support grant goes to that hospital's own audit log.)
 */
export const platformAudit = pgTable(
  "platform_audit",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** The staff member who acted (a users row that is platform staff). */
    staffUserId: uuid("staff_user_id").notNull(),
    action: text("action").notNull(),
    /** Not named tenant_id: a platform table, not a tenant table under RLS. */
    hospitalId: uuid("hospital_id"),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("platform_audit_at_idx").on(t.at), index("platform_audit_hospital_idx").on(t.hospitalId, t.at)],
);
