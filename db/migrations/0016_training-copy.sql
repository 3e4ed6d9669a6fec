CREATE TABLE "training_copied_tables" (
	"position" integer PRIMARY KEY NOT NULL,
	"table_name" text NOT NULL,
	CONSTRAINT "training_copied_tables_table_name_unique" UNIQUE("table_name")
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "training_of" uuid;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_training_of_tenants_id_fk" FOREIGN KEY ("training_of") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_live_training_copy_key" ON "tenants" USING btree ("training_of") WHERE archived_at is null;