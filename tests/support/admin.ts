// The administrator's connection for tests that inspect the catalog or tamper with data on purpose.
//
// On PGlite there is one session for the whole process, shared with the application's "pool":
// openAdminConnection() switches that session to the superuser until the handle is closed (which gives
// it back to emr_app), so callers must not run application work while inside `fn`.
import { type Database, openAdminConnection } from "~db/client.server";
import { rowsOf } from "~db/scope.server";
import type { SQL } from "drizzle-orm";

export type Admin = { db: Database; engine: "postgres" | "pglite" };

export async function withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const connection = await openAdminConnection();
  try {
    return await fn({ db: connection.db, engine: connection.engine });
  } finally {
    await connection.close();
  }
}

/** Runs `query` as the administrator and returns its rows. */
export async function adminRows<T>(query: SQL): Promise<T[]> {
  return withAdmin(async ({ db }) => rowsOf<T>(await db.execute(query)));
}

class Rollback extends Error {}

/** Runs `fn` in an administrator transaction that is always rolled back: for deliberately broken schemas. */
export async function withAdminRollback<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  await withAdmin(async (admin) => {
    try {
      await admin.db.transaction(async (tx) => {
        result = { value: await fn({ db: tx, engine: admin.engine }) };
        throw new Rollback();
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
  });
  return result!.value;
}
