// npm run db:migrate: bring the database (DATABASE_URL, or the embedded one) to the latest schema.
import { closeDatabase } from "~db/client.server";
import { migrateDatabase } from "~db/migrate.server";

await migrateDatabase();
await closeDatabase();
console.log("database migrated");
