// Once per `vitest run`: bring the test database to the latest schema.
//   DATABASE_URL set -> migrate that Postgres database (CI gives a fresh one);
//   otherwise        -> migrate a throw-away PGlite and save a snapshot that every test file loads into
//                       memory (tests/setup.ts), faster than migrating per file.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { PGLITE_SNAPSHOT, TEST_DATA_DIR } from "./support/paths";

export default async function setup() {
  if (!process.env.DATABASE_URL) {
    await rm(TEST_DATA_DIR, { recursive: true, force: true });
    await mkdir(TEST_DATA_DIR, { recursive: true });
    process.env.EMR_DATA_DIR = `${TEST_DATA_DIR}/pglite`;
  }
  const { migrateDatabase } = await import("~db/migrate.server");
  const { closeDatabase, getPglite } = await import("~db/client.server");
  await migrateDatabase();
  if (!process.env.DATABASE_URL) {
    const dump = await (await getPglite()).dumpDataDir("gzip");
    await writeFile(PGLITE_SNAPSHOT, Buffer.from(await dump.arrayBuffer()));
  }
  await closeDatabase();
  delete process.env.EMR_DATA_DIR;
}
