// A hospital's set-up wizard and its staff invitations (issue 7). Tenant tables through the kit.
import { sql } from "drizzle-orm";
import { index, integer, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { departments } from "./hospitals";
import { users } from "./identity";
import { tenantForeignKey, tenantTable, timestamps, version } from "./kit";

export const HOSPITAL_KINDS = ["district_general", "polyclinic", "commune_station"] as const;
export type HospitalKind = (typeof HOSPITAL_KINDS)[number];

/** One row per hospital: its profile and how far the set-up wizard has come. */
export const hospitalProfiles = tenantTable(
  "hospital_profiles",
  {
    kind: text("kind", { enum: HOSPITAL_KINDS }),
    bedCount: integer("bed_count"),
    phone: text("phone"),
    address: text("address"),
    /** Path segments of the wizard's steps the admin has finished (app/setup/steps.ts). */
    completedSteps: text("completed_steps").array().notNull().default(sql`'{}'::text[]`),
    /** Written when a template is applied (tenants/templates/). */
    templateCode: text("template_code"),
    templateVersion: text("template_version"),
    templateAppliedAt: timestamp("template_applied_at", { withTimezone: true }),
    /** When the hospital went live (go_live(), docs/decisions/034-go-live.md). */
    liveAt: timestamp("live_at", { withTimezone: true }),
    version: version(),
    ...timestamps(),
  },
  (t) => [unique("hospital_profiles_tenant_key").on(t.tenantId)],
);

export const INVITATION_STATUSES = ["pending", "accepted", "revoked"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** A staff member invited by e-mail; they set their own password from the link (SHA-256 of the token kept). */
export const invitations = tenantTable(
  "invitations",
  {
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role").notNull(),
    departmentId: uuid("department_id"),
    locale: text("locale").notNull().default("vi"),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: INVITATION_STATUSES }).notNull().default("pending"),
    invitedBy: uuid("invited_by").references(() => users.id),
    acceptedBy: uuid("accepted_by").references(() => users.id),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("invitations_token_key").on(t.tenantId, t.tokenHash),
    // The invitee's link names no hospital: found by the token's hash alone.
    index("invitations_token_idx").on(t.tokenHash),
    uniqueIndex("invitations_pending_email_key").on(t.tenantId, t.email).where(sql`status = 'pending'`),
    index("invitations_tenant_created_idx").on(t.tenantId, t.createdAt),
    tenantForeignKey("invitations_department_fk", { tenantId: t.tenantId, column: t.departmentId }, departments),
  ],
);
