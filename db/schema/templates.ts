// Which template a hospital's configuration came from (docs/decisions/040-templates-as-data.md): one row
// per hospital, written when a template is applied and when the admin takes additions from a newer
// version. The configuration itself lives in the hospital's own tables (configuration.ts).
import { text, timestamp, unique } from "drizzle-orm/pg-core";
import { tenantTable, timestamps, version } from "./kit";

export const hospitalTemplates = tenantTable(
  "hospital_templates",
  {
    templateCode: text("template_code").notNull(),
    /** The template version the hospital's copy is at (semver): applied, or reviewed in an upgrade. */
    templateVersion: text("template_version").notNull(),
    /** SHA-256 of the template file's content as applied, so a changed file under the same version shows. */
    contentHash: text("content_hash").notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }).notNull().defaultNow(),
    version: version(),
    ...timestamps(),
  },
  (t) => [unique("hospital_templates_tenant_key").on(t.tenantId)],
);
