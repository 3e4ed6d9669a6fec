// The tenant-table kit (docs/architecture.md §2, decision 019): every tenant table is declared through tenantTable(),
// which adds what isolation and a later distribution by tenant_id on Citus need, so that no table repeats
// them by hand:
//   - tenant_id first (uuid, not null, references tenants) and a uuid `id` (a table may bring its own);
//   - the primary key (tenant_id, id);
//   - row-level security enabled, and the one fail-closed policy in both USING and WITH CHECK.
// What drizzle cannot say (FORCE RLS, grants, the audit and updated_at triggers) is one SQL call in the
// migration that creates the table: `SELECT protect_tenant_table('the_table');` (migration 0005).
// tests/integration/catalog.test.ts fails when either half is missing.
import { type BuildExtraConfigColumns, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  foreignKey,
  integer,
  type PgColumnBuilderBase,
  pgPolicy,
  pgTable,
  type PgTableExtraConfigValue,
  primaryKey,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants } from "./platform";

/**
 * The transaction's tenant; null (hence no rows, no writes) when none is set, or when a support
 * transaction has no active grant for it (app_tenant_id(), the support custom migration, decision 059).
 * A scalar subquery: evaluated once per statement.
 */
const currentTenant = sql`(select app_tenant_id())`;

/** The one policy every tenant table has: rows of the transaction's tenant, nothing without one. */
export function tenantIsolation(table: string) {
  return pgPolicy(`${table}_tenant_isolation`, {
    as: "permissive",
    for: "all",
    to: "public",
    using: sql`tenant_id = ${currentTenant}`,
    withCheck: sql`tenant_id = ${currentTenant}`,
  });
}

export const tenantIdColumn = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id);
const uuidId = () => uuid("id").notNull().default(sql`gen_random_uuid()`);

export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
/** Kept current by the trigger protect_tenant_table() adds to any table with this column. */
export const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
/** created_at and updated_at, for rows that people edit. */
export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });
/** Optimistic concurrency: every edit names the version it read (see app/lib/concurrency.server.ts). */
export const version = () => integer("version").notNull().default(1);

type TenantColumns<TColumns extends Record<string, PgColumnBuilderBase>> = { tenantId: ReturnType<typeof tenantIdColumn> } & (TColumns extends {
  id: PgColumnBuilderBase;
}
  ? TColumns
  : { id: ReturnType<typeof uuidId> } & TColumns);

/**
 * A tenant table: `columns` come after tenant_id (and id, unless `columns` declares its own `id`);
 * `extra` adds the table's uniques, indexes and foreign keys, each of which must include tenant_id.
 */
export function tenantTable<TName extends string, TColumns extends Record<string, PgColumnBuilderBase>>(
  name: TName,
  columns: TColumns,
  extra: (self: BuildExtraConfigColumns<TName, TenantColumns<TColumns>, "pg">) => PgTableExtraConfigValue[] = () => [],
) {
  // Spread order keeps tenant_id first and id second even when `columns` brings its own id.
  const all = { tenantId: tenantIdColumn(), id: uuidId(), ...columns } as unknown as TenantColumns<TColumns>;
  return pgTable(name, all, (self) => {
    const key = self as unknown as { tenantId: AnyPgColumn; id: AnyPgColumn };
    return [primaryKey({ columns: [key.tenantId, key.id] }), tenantIsolation(name), ...extra(self)];
  }).enableRLS();
}

/**
 * A foreign key into another tenant table that carries tenant_id to tenant_id, so a row can never point
 * into another hospital and both rows live on the same shard: (tenant_id, column) -> (tenant_id, id).
 */
export function tenantForeignKey(name: string, from: { tenantId: AnyPgColumn; column: AnyPgColumn }, to: { tenantId: AnyPgColumn; id: AnyPgColumn }) {
  return foreignKey({ name, columns: [from.tenantId, from.column], foreignColumns: [to.tenantId, to.id] });
}
