// The practice copy (decision 043): which configuration tables a practice copy of a hospital receives,
// row for row, in this order (foreign keys first). A global list the copy function reads
// (create_training_copy, the training custom migration); app/training/copied-tables.ts mirrors it and
// tests/integration/training.test.ts holds the two equal and every tenant table classified.
import { integer, pgTable, text } from "drizzle-orm/pg-core";

export const trainingCopiedTables = pgTable("training_copied_tables", {
  position: integer("position").primaryKey(),
  tableName: text("table_name").notNull().unique(),
});
