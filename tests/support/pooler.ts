// Is there a transaction pooler between the application and Postgres? CI puts PgBouncer there
// (.ci/run); a developer's machine usually does not. Asked of the pooler itself, through PgBouncer's
// admin console on the application's host and port (database "pgbouncer"), as the administrator:
// a plain Postgres answers that no such database exists.
import postgres from "postgres";
import { appDatabaseUrl, databaseEngine } from "~db/client.server";

export type TransactionPooler = {
  /** How many server connections the pooler keeps per database and user. */
  serverPoolSize: number;
  /** The application's client connections to the pooler, for the test database. */
  clientConnections(): Promise<number>;
  close(): Promise<void>;
};

export async function findTransactionPooler(): Promise<TransactionPooler | null> {
  if (databaseEngine() !== "postgres" || !process.env.DATABASE_URL) return null;
  const app = new URL(appDatabaseUrl());
  const admin = new URL(process.env.DATABASE_URL);
  const consoleUrl = new URL(app);
  consoleUrl.pathname = "/pgbouncer";
  consoleUrl.username = admin.username;
  consoleUrl.password = admin.password;
  // The admin console speaks only the simple protocol and knows no pg_type: no prepare, no type fetch.
  const adminConsole = postgres(consoleUrl.toString(), { max: 1, prepare: false, fetch_types: false, onnotice: () => {} });
  let config: { key: string; value: string }[];
  try {
    config = await adminConsole.unsafe("SHOW CONFIG");
  } catch (error) {
    await adminConsole.end({ timeout: 1 });
    if ((error as { code?: string }).code === "3D000") return null; // a plain Postgres: no pooler here
    throw error;
  }
  const setting = (key: string) => config.find((row) => row.key === key)?.value;
  if (setting("pool_mode") !== "transaction") {
    await adminConsole.end({ timeout: 1 });
    return null;
  }
  const database = decodeURIComponent(app.pathname.slice(1));
  const user = decodeURIComponent(app.username);
  return {
    serverPoolSize: Number(setting("default_pool_size")),
    clientConnections: async () => {
      const clients: { user: string; database: string }[] = await adminConsole.unsafe("SHOW CLIENTS");
      return clients.filter((c) => c.user === user && c.database === database).length;
    },
    close: () => adminConsole.end({ timeout: 1 }),
  };
}
