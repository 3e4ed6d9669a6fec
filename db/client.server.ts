// The raw database connections. Only db/ and the operator scripts may import this module; application
// code reaches the database through withTenant() / withPlatform() (db/scope.server.ts), and
// scripts/check-boundaries.ts fails CI otherwise.
//
// Two engines, one schema (docs/decisions/002-embedded-default.md, 009-transaction-pooler.md):
//   APP_DATABASE_URL or DATABASE_URL set
//                     -> Postgres through postgres.js. The application connects as emr_app with
//                        APP_DATABASE_URL (or DATABASE_URL with the user swapped), possibly through a
//                        transaction pooler; DATABASE_URL is the administrator's, for migrations only.
//   otherwise         -> PGlite persisted under EMR_DATA_DIR (default .data/pglite), switched to
//                        emr_app after connecting so that row-level security binds there too. Never in
//                        production: there a missing URL stops the process (app/server/env.server.ts).
import { mkdirSync } from "node:fs";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { type DatabaseEngine, EnvError, readEnv, selectDatabaseEngine } from "~/server/env.server";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Engine = DatabaseEngine;

type Connection = {
  engine: Engine;
  db: Database;
  /** Runs raw SQL text with several statements (migrations). */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
};

export function databaseEngine(): Engine {
  return selectDatabaseEngine(readEnv(process.env, ["NODE_ENV", "APP_DATABASE_URL", "DATABASE_URL"]));
}

/** The URL the application connects with: never the administrator's. */
export function appDatabaseUrl(): string {
  const env = readEnv(process.env, ["APP_DATABASE_URL", "DATABASE_URL", "EMR_APP_PASSWORD"]);
  if (env.APP_DATABASE_URL) return env.APP_DATABASE_URL;
  const url = new URL(adminDatabaseUrl());
  url.username = "emr_app";
  url.password = env.EMR_APP_PASSWORD;
  return url.toString();
}

function adminDatabaseUrl(): string {
  const url = readEnv(process.env, ["DATABASE_URL"]).DATABASE_URL;
  if (!url) throw new EnvError([{ name: "DATABASE_URL", problem: "is required here: migrations and other administration connect as the administrator" }]);
  return url;
}

/** Receives the text of every statement sent to Postgres (begin and commit included). */
export type StatementListener = (statement: string) => void;

let statementListener: StatementListener | undefined;

/**
 * Measurement only (tests and profiling): every statement the pools opened from now on send is also
 * given to `listener`. Off by default because postgres.js then captures a stack trace per query.
 */
export function traceStatements(listener: StatementListener | undefined): void {
  statementListener = listener;
}

async function openPostgres(url: string, max: number): Promise<Connection> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const listener = statementListener;
  const client = postgres(url, {
    max,
    // No named prepared statements: behind a transaction pooler (PgBouncer, how production runs) the
    // next transaction may run on another server connection, where the statement does not exist. The
    // driver then re-prepares inside the aborted transaction, and its COMMIT quietly becomes ROLLBACK
    // (tests/integration/pooler.test.ts counts what was committed).
    prepare: false,
    ...(listener ? { debug: (_connection: number, statement: string) => listener(statement) } : {}),
    onnotice: () => {},
    idle_timeout: 30,
    connection: { application_name: "emr" },
  });
  return {
    engine: "postgres",
    db: drizzle(client, { schema }) as unknown as Database,
    exec: async (text) => {
      await client.unsafe(text);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

// One PGlite instance per process: it is a whole Postgres in this process's memory, and its data
// folder must not be opened twice.
let pglite: Promise<import("@electric-sql/pglite").PGlite> | undefined;

async function openPglite(): Promise<import("@electric-sql/pglite").PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
  const extensions = { pg_trgm, unaccent };
  const snapshot = readEnv(process.env, ["EMR_PGLITE_SNAPSHOT"]).EMR_PGLITE_SNAPSHOT;
  if (snapshot) {
    // Tests: an in-memory copy of a migrated database, faster than migrating again (docs/stack.md).
    const { readFile } = await import("node:fs/promises");
    const loadDataDir = new Blob([new Uint8Array(await readFile(snapshot))]);
    return PGlite.create({ loadDataDir, extensions });
  }
  const dir = readEnv(process.env, ["EMR_DATA_DIR"]).EMR_DATA_DIR;
  mkdirSync(dir, { recursive: true });
  return PGlite.create(dir, { extensions });
}

export function getPglite() {
  pglite ??= openPglite();
  return pglite;
}

const APP_ROLE = "emr_app";

/**
 * PGlite has one session, shared by the application and any administrator in the same process. The
 * administrator's handle therefore gives the session back as emr_app when it is closed, so that
 * nothing after it runs as the superuser (and withTenant refuses to run as anyone but emr_app).
 */
async function wrapPglite(kind: "app" | "admin"): Promise<Connection> {
  const client = await getPglite();
  const { drizzle } = await import("drizzle-orm/pglite");
  await client.exec(kind === "admin" ? "RESET ROLE;" : `RESET ROLE; SET ROLE ${APP_ROLE};`);
  return {
    engine: "pglite",
    db: drizzle(client, { schema }) as unknown as Database,
    exec: async (text) => {
      await client.exec(text);
    },
    close: async () => {
      if (kind === "admin") {
        await client.exec(`RESET ROLE; SET ROLE ${APP_ROLE};`);
        return;
      }
      pglite = undefined;
      app = undefined;
      await client.close();
    },
  };
}

/**
 * The administrator's connection: migrations, operator scripts and tests that inspect the catalog.
 * Close it when done: on PGlite that hands the shared session back to emr_app.
 */
export async function openAdminConnection(): Promise<Connection> {
  if (databaseEngine() === "postgres") return openPostgres(adminDatabaseUrl(), 1);
  return wrapPglite("admin");
}

let app: Promise<Connection> | undefined;

/** The application's pool, as emr_app. */
export function getAppConnection(): Promise<Connection> {
  app ??=
    databaseEngine() === "postgres"
      ? openPostgres(appDatabaseUrl(), readEnv(process.env, ["DATABASE_POOL_SIZE"]).DATABASE_POOL_SIZE)
      : wrapPglite("app");
  return app;
}

export async function closeDatabase(): Promise<void> {
  const current = app;
  app = undefined;
  if (current) await (await current).close();
  else if (pglite) await (await pglite).close();
  pglite = undefined;
}
