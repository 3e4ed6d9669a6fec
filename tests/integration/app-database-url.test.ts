// The serving process needs only the application's URL. With APP_DATABASE_URL set and DATABASE_URL
// (the administrator's) absent, the application runs on that Postgres as emr_app, not on the embedded
// database. Postgres only: on PGlite there is no URL to give.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { appDatabaseUrl, closeDatabase, databaseEngine, getAppConnection } from "~db/client.server";
import { rowsOf } from "~db/scope.server";

const adminUrl = process.env.DATABASE_URL;
const savedAppUrl = process.env.APP_DATABASE_URL;

afterAll(async () => {
  await closeDatabase();
  if (adminUrl !== undefined) process.env.DATABASE_URL = adminUrl;
  if (savedAppUrl === undefined) delete process.env.APP_DATABASE_URL;
  else process.env.APP_DATABASE_URL = savedAppUrl;
});

describe.runIf(adminUrl)("with only APP_DATABASE_URL set", () => {
  it("the application connects to that Postgres as emr_app", async () => {
    const appUrl = appDatabaseUrl();
    const database = new URL(adminUrl!).pathname.slice(1);
    process.env.APP_DATABASE_URL = appUrl;
    delete process.env.DATABASE_URL;

    expect(databaseEngine()).toBe("postgres");
    const { engine, db } = await getAppConnection();
    expect(engine).toBe("postgres");
    const [row] = rowsOf<{ role: string; database: string }>(
      await db.execute(sql`select current_user::text as role, current_database()::text as database`),
    );
    expect(row).toEqual({ role: "emr_app", database });
  });
});
