// Optimistic concurrency (docs/architecture.md §3): rows that several people edit carry a `version`; an edit names
// the version it read, and a stale one gets a clear conflict instead of silently overwriting.
//
//   updateVersioned(t, table, id, expectedVersion, values)  one UPDATE ... WHERE version = expected
//   StaleWriteError                                          thrown when someone else saved first
//   conflictResponse(error, payload)                         the 409 answer a route returns for it
//
// Works for any tenant table with (tenant_id, id, version), so later features reuse it as is.
import { data } from "@remix-run/node";
import { and, eq, getTableName, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import { isUuid, type TenantTx } from "~db/scope.server";

/** A tenant table whose rows are edited under optimistic concurrency. */
export type VersionedTable = PgTable & {
  tenantId: AnyPgColumn;
  id: AnyPgColumn;
  version: AnyPgColumn;
};

/** What a person's edit collided with; safe to send to the browser (no values, only versions). */
export type Conflict = {
  entityType: string;
  entityId: string;
  expectedVersion: number;
  currentVersion: number;
};

export const HTTP_CONFLICT = 409;

/** Someone saved this row after the person read it; nothing was written. */
export class StaleWriteError extends Error {
  readonly conflict: Conflict;

  constructor(conflict: Conflict) {
    super(
      `stale write to ${conflict.entityType} ${conflict.entityId}: expected version ${conflict.expectedVersion}, current ${conflict.currentVersion}`,
    );
    this.name = "StaleWriteError";
    this.conflict = conflict;
  }
}

export function isStaleWriteError(error: unknown): error is StaleWriteError {
  return error instanceof StaleWriteError;
}

/**
 * Updates one row if, and only if, it is still at `expectedVersion`, and bumps the version.
 * Returns the updated row, or null when the row does not exist in this tenant (including an id that is
 * not a uuid). Throws StaleWriteError when the row exists at another version.
 */
export async function updateVersioned<T extends VersionedTable>(
  t: TenantTx,
  table: T,
  id: string,
  expectedVersion: number,
  values: PgUpdateSetSource<T>,
): Promise<T["$inferSelect"] | null> {
  if (!isUuid(id)) return null;
  // The explicit tenant filter is on purpose, next to RLS (docs/architecture.md §2).
  const sameRow = and(eq(table.tenantId, t.tenantId), eq(table.id, id));
  const updated = (await t.db
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1` } as PgUpdateSetSource<T>)
    .where(and(sameRow, eq(table.version, expectedVersion)))
    .returning()) as T["$inferSelect"][];
  if (updated[0]) return updated[0];

  // Nothing matched: either the row is not there, or someone else saved first.
  const [current] = (await t.db.select({ version: table.version }).from(table as PgTable).where(sameRow)) as {
    version: number;
  }[];
  if (!current) return null;
  throw new StaleWriteError({
    entityType: getTableName(table),
    entityId: id,
    expectedVersion,
    currentVersion: current.version,
  });
}

/** Reads the hidden `version` field of an edit form: a positive integer, or null when missing or bad. */
export function parseExpectedVersion(value: FormDataEntryValue | null | undefined): number | null {
  if (typeof value !== "string" || !/^\d{1,9}$/.test(value.trim())) return null;
  const version = Number(value.trim());
  return version >= 1 ? version : null;
}

/**
 * The route's answer to a stale write: status 409 and the payload the form needs to show the conflict
 * (typically what the person typed and the latest saved values), plus `conflict` with the versions.
 * The page renders errors:conflict.* from the locale files for the message.
 */
export function conflictResponse<P extends Record<string, unknown>>(error: StaleWriteError, payload: P) {
  return data({ ...payload, conflict: error.conflict }, { status: HTTP_CONFLICT });
}
