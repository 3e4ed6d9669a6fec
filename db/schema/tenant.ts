// Tenant tables (DESIGN.md §2): tenant_id first, primary key (tenant_id, id), foreign keys that carry
// tenant_id, uniques scoped by tenant, and a fail-closed RLS policy in both USING and WITH CHECK.
// FORCE ROW LEVEL SECURITY, grants and triggers live in the hand-written migration 0002_security.sql.
import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgRole,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants, users } from "./platform";

const platformRole = pgRole("emr_platform").existing();

const currentTenant = sql`(select nullif(current_setting('app.tenant_id', true), '')::uuid)`;

/** The one policy every tenant table has: rows of the transaction's tenant, nothing without one. */
function tenantIsolation(table: string) {
  return pgPolicy(`${table}_tenant_isolation`, {
    as: "permissive",
    for: "all",
    to: "public",
    using: sql`tenant_id = ${currentTenant}`,
    withCheck: sql`tenant_id = ${currentTenant}`,
  });
}

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id);
const id = () => uuid("id").notNull().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
/** Optimistic concurrency: every edit names the version it read (see app/lib/concurrency.server.ts). */
const version = () => integer("version").notNull().default(1);

export const STAFF_ROLES = ["admin", "doctor", "nurse", "receptionist", "pharmacist", "cashier", "lab"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const memberships = pgTable(
  "memberships",
  {
    tenantId: tenantId(),
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    roles: text("roles").array().notNull().$type<StaffRole[]>(),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("memberships_tenant_user_key").on(t.tenantId, t.userId),
    index("memberships_user_idx").on(t.userId),
    tenantIsolation("memberships"),
    // Sign-in lists a person's hospitals before any tenant is chosen: the platform scope may read
    // memberships (never write them), and nothing else of a tenant's.
    pgPolicy("memberships_platform_read", { as: "permissive", for: "select", to: platformRole, using: sql`true` }),
  ],
).enableRLS();

export const departments = pgTable(
  "departments",
  {
    tenantId: tenantId(),
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("departments_tenant_code_key").on(t.tenantId, t.code),
    tenantIsolation("departments"),
  ],
).enableRLS();

export const SEXES = ["female", "male", "other"] as const;
export type Sex = (typeof SEXES)[number];

export const patients = pgTable(
  "patients",
  {
    tenantId: tenantId(),
    id: id(),
    // Medical record number, unique within the hospital only.
    mrn: text("mrn").notNull(),
    fullName: text("full_name").notNull(),
    // Lower-cased and stripped of diacritics (đ → d too), for search; see 0000_extensions.sql.
    searchName: text("search_name")
      .notNull()
      .generatedAlwaysAs(sql`emr_search_text(full_name)`),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    sex: text("sex", { enum: SEXES }).notNull(),
    phone: text("phone"),
    departmentId: uuid("department_id"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("patients_tenant_mrn_key").on(t.tenantId, t.mrn),
    foreignKey({
      name: "patients_department_fk",
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }),
    index("patients_search_name_trgm_idx").using("gin", sql`${t.searchName} gin_trgm_ops`),
    index("patients_tenant_name_idx").on(t.tenantId, t.searchName),
    tenantIsolation("patients"),
  ],
).enableRLS();

/** Per-tenant counters (record numbers); a row lock makes each number unique without gaps in use. */
export const tenantCounters = pgTable(
  "tenant_counters",
  {
    tenantId: tenantId(),
    id: text("id").notNull(),
    value: bigint("value", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantIsolation("tenant_counters")],
).enableRLS();

/**
 * The audit log: append-only for the application role. Rows are written unchained in the reader's own
 * transaction; the chainer (audit_chain_backlog, decision 022) fills seq, prev_hash and hash shortly
 * after commit, once, in a deterministic order. Actor and address come from the transaction's settings.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    tenantId: tenantId(),
    id: id(),
    // Null until the chainer links the entry.
    seq: bigint("seq", { mode: "number" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorKind: text("actor_kind").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    patientId: uuid("patient_id"),
    address: text("address"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    prevHash: bytea("prev_hash"),
    hash: bytea("hash"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("audit_events_tenant_seq_key").on(t.tenantId, t.seq),
    index("audit_events_tenant_patient_idx").on(t.tenantId, t.patientId, t.at),
    // The backlog: what the chainer has still to link, in the order it links it.
    index("audit_events_unchained_idx").on(t.tenantId, t.at, t.id).where(sql`seq is null`),
    tenantIsolation("audit_events"),
  ],
).enableRLS();

export const auditHeads = pgTable(
  "audit_heads",
  {
    tenantId: tenantId(),
    id: text("id").notNull().default("chain"),
    seq: bigint("seq", { mode: "number" }).notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantIsolation("audit_heads")],
).enableRLS();
