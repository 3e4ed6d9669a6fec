// A hospital's own set-up: its staff memberships, departments and counters. Tenant tables, declared
// through the kit (kit.ts).
import { sql } from "drizzle-orm";
import { bigint, boolean, index, pgPolicy, pgRole, text, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { createdAt, tenantTable, timestamps, version } from "./kit";

export const STAFF_ROLES = ["admin", "doctor", "nurse", "receptionist", "pharmacist", "cashier", "lab", "imaging"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const platformRole = pgRole("emr_platform").existing();

export const memberships = tenantTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    roles: text("roles").array().notNull().$type<StaffRole[]>(),
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
