// Applies db/roles.sql as the administrator, then the checked-in migrations as emr_owner, so that the
// owner of every table is emr_owner (the audit log's is emr_audit_owner, see migration 0005) and never
// the application role; then the job queue's schema (pg-boss), also as emr_owner.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { openAdminConnection } from "./client.server";
import { migrateJobQueue } from "./job-queue.server";

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
const rolesFile = fileURLToPath(new URL("./roles.sql", import.meta.url));

export async function migrateDatabase(): Promise<void> {
  const admin = await openAdminConnection();
  try {
    await admin.exec(await readFile(rolesFile, "utf8"));
    await admin.exec("SET ROLE emr_owner");
    if (admin.engine === "postgres") {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(admin.db as never, { migrationsFolder });
    } else {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(admin.db as never, { migrationsFolder });
    }
    await admin.exec("SET ROLE emr_owner");
    await migrateJobQueue(admin);
    await admin.exec("RESET ROLE");
  } finally {
    await admin.close();
  }
}
