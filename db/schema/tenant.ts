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

/** Text compared byte by byte, so that a btree serves starts_with() whatever the database's locale. */
const byteOrderText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

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
    // The list of everyone a page at a time, and names that begin with what was typed, both in index
    // order; byte order ("C") so that starts_with can use it (decision 014).
    index("patients_tenant_name_idx").on(t.tenantId, sql`search_name COLLATE "C"`, t.mrn),
    // Prefix search by record number and phone: starts_with (leakproof, so usable under row-level
    // security) can use a btree only under the "C" collation (decision 014).
    index("patients_tenant_mrn_prefix_idx").on(t.tenantId, sql`mrn COLLATE "C"`),
    index("patients_tenant_phone_prefix_idx").on(t.tenantId, sql`phone COLLATE "C"`),
    tenantIsolation("patients"),
  ],
).enableRLS();

/**
 * One row per distinct word of a patient's search_name, so that a typed word's prefix is an index range
 * (decision 014). Derived from patients by a security-definer trigger (see the patient-search-words
 * migration); the application role may only read it.
 */
export const patientSearchWords = pgTable(
  "patient_search_words",
  {
    tenantId: tenantId(),
    patientId: uuid("patient_id").notNull(),
    word: byteOrderText("word").notNull(),
    // A copy of the patient's search_name: pages come in name order, and the other typed words are
    // checked here, both without visiting the patient row.
    searchName: byteOrderText("search_name").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.patientId, t.word] }),
    foreignKey({
      name: "patient_search_words_patient_fk",
      columns: [t.tenantId, t.patientId],
      foreignColumns: [patients.tenantId, patients.id],
    }),
    index("patient_search_words_word_idx").on(t.tenantId, t.word, t.searchName, t.patientId),
    tenantIsolation("patient_search_words"),
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
 * The audit log: append-only for the application role, each entry hash-chained to the previous one of
 * its tenant. seq, prev_hash and hash are filled by a trigger (0002_security.sql), never by the app.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    tenantId: tenantId(),
    id: id(),
    // Filled by the trigger; the placeholders only satisfy the insert type.
    seq: bigint("seq", { mode: "number" })
      .notNull()
      .$defaultFn(() => 0),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorKind: text("actor_kind").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    patientId: uuid("patient_id"),
    address: text("address"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    prevHash: bytea("prev_hash")
      .notNull()
      .$defaultFn(() => Buffer.alloc(0)),
    hash: bytea("hash")
      .notNull()
      .$defaultFn(() => Buffer.alloc(0)),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("audit_events_tenant_seq_key").on(t.tenantId, t.seq),
    index("audit_events_tenant_patient_idx").on(t.tenantId, t.patientId, t.at),
    tenantIsolation("audit_events"),
  ],
).enableRLS();

/** The head of each tenant's chain; written only by the audit trigger, which locks it per tenant. */
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
