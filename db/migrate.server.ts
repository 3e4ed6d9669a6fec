// Applies db/roles.sql as the administrator, then the checked-in migrations as emr_owner, so that the
// owner of every table is emr_owner and never the application role.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { openAdminConnection } from "./client.server";

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
    await admin.exec("RESET ROLE");
  } finally {
    await admin.close();
  }
}
