import { defineConfig } from "drizzle-kit";

// generate only: migrations are reviewed SQL, applied by scripts/migrate.ts. Never `push` (docs/stack.md).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
