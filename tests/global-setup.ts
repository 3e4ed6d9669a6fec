// Once per `vitest run`: bring the test database to the latest schema.
//   DATABASE_URL set -> migrate that Postgres database (CI gives a fresh one);
//   otherwise        -> migrate a throw-away PGlite and save a snapshot that every test file loads into
//                       memory (tests/setup.ts), faster than migrating per file. Each run has its own
//                       folder, so that two runs on one machine do not trample each other.
import { mkdir, rm, writeFile } from "node:fs/promises";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}

export default async function setup(project: TestProject) {
  const runDir = `.data/test/run-${process.pid}`;
  if (!process.env.DATABASE_URL) {
    await rm(runDir, { recursive: true, force: true });
    await mkdir(runDir, { recursive: true });
    process.env.EMR_DATA_DIR = `${runDir}/pglite`;
  }
  const { migrateDatabase } = await import("~db/migrate.server");
  const { closeDatabase, getPglite } = await import("~db/client.server");
  await migrateDatabase();
  const snapshot = `${runDir}/snapshot.tar.gz`;
  if (!process.env.DATABASE_URL) {
    const dump = await (await getPglite()).dumpDataDir("gzip");
    await writeFile(snapshot, Buffer.from(await dump.arrayBuffer()));
  }
  await closeDatabase();
  delete process.env.EMR_DATA_DIR;
  project.provide("pgliteSnapshot", snapshot);
  return async () => {
    await rm(runDir, { recursive: true, force: true });
  };
}
