// A hospital's own set-up: its staff memberships, departments and counters. Tenant tables, declared
// through the kit (kit.ts).
import { sql } from "drizzle-orm";
import { bigint, boolean, index, pgPolicy, pgRole, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { createdAt, tenantTable, timestamps, version } from "./kit";

/**
 * The default role set's codes (docs/decisions/038-roles-as-data.md): what a hospital without a template
 * gets and what the demo installs. A hospital's roles are rows of hospital_roles; a member's roles are
 * codes of those rows, so any code a hospital defined is a StaffRole.
 */
export const STAFF_ROLES = ["admin", "doctor", "nurse", "receptionist", "pharmacist", "cashier", "lab", "imaging"] as const;
export type DefaultStaffRole = (typeof STAFF_ROLES)[number];
/** A role's code in its hospital (hospital_roles.code). */
export type StaffRole = string;

const platformRole = pgRole("emr_platform").existing();

export const memberships = tenantTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** Codes of this hospital's roles (hospital_roles.code); the member holds their permissions while the role is active. */
    roles: text("roles").array().notNull().$type<StaffRole[]>(),
    /** An inactive member is no member: 404 at the door, sessions ended when deactivated (decision 038). */
    active: boolean("active").notNull().default(true),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    deactivatedBy: uuid("deactivated_by").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("memberships_tenant_user_key").on(t.tenantId, t.userId),
    index("memberships_user_idx").on(t.userId),
    // Sign-in lists a person's hospitals before any tenant is chosen: the platform scope may read
    // memberships (never write them), and nothing else of a tenant's.
    pgPolicy("memberships_platform_read", { as: "permissive", for: "select", to: platformRole, using: sql`true` }),
  ],
);

/**
 * A hospital's roles (decision 018, 038): its own names for them and the permissions each holds, chosen
 * from the code's vocabulary (app/auth/permissions.ts). The membership lookup resolves a member's
 * permissions through this table in the same statement, so the platform scope may read it.
 */
export const hospitalRoles = tenantTable(
  "hospital_roles",
  {
    code: text("code").notNull(),
    nameVi: text("name_vi").notNull(),
    nameEn: text("name_en").notNull(),
    permissions: text("permissions").array().notNull().default(sql`'{}'::text[]`),
    active: boolean("active").notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    unique("hospital_roles_tenant_code_key").on(t.tenantId, t.code),
    pgPolicy("hospital_roles_platform_read", { as: "permissive", for: "select", to: platformRole, using: sql`true` }),
  ],
);

export const departments = tenantTable(
  "departments",
  {
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** Deactivated, never deleted: rooms and history keep pointing at it. */
    active: boolean("active").notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [unique("departments_tenant_code_key").on(t.tenantId, t.code)],
);

/** Per-tenant counters (record numbers); a row lock makes each number unique without gaps in use. */
export const tenantCounters = tenantTable("tenant_counters", {
  id: text("id").notNull(),
  value: bigint("value", { mode: "number" }).notNull().default(0),
});
