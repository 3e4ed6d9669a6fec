// npm run demo, first half: migrate the database (embedded unless DATABASE_URL is set), then seed the
// demo hospitals and print their logins (scripts/seed.ts). Safe to run again.
import { migrateDatabase } from "~db/migrate.server";

await migrateDatabase();
console.log("Database ready.");
await import("./seed");
