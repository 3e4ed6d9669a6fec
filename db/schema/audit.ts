// The audit log (decision 006): tenant tables declared through the kit, but outside its triggers: the
// write-audit trigger would record its own entries, so these two keep their own grants and triggers
// (migrations 0002 and 0003), and the application role cannot UPDATE either.
import { bigint, customType, index, jsonb, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenantTable } from "./kit";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Append-only for the application role, each entry hash-chained to the previous one of its tenant.
 * seq, prev_hash and hash are filled by a trigger (0002_security.sql), never by the app.
 */
export const auditEvents = tenantTable(
  "audit_events",
  {
    // Filled by the trigger; the placeholders only satisfy the insert type.
    seq: bigint("seq", { mode: "number" })
      .notNull()
      .$defaultFn(() => 0),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorKind: text("actor_kind").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    patientId: uuid("patient_id"),
    address: text("address"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    prevHash: bytea("prev_hash")
      .notNull()
      .$defaultFn(() => Buffer.alloc(0)),
    hash: bytea("hash")
      .notNull()
      .$defaultFn(() => Buffer.alloc(0)),
  },
  (t) => [
    unique("audit_events_tenant_seq_key").on(t.tenantId, t.seq),
    index("audit_events_tenant_patient_idx").on(t.tenantId, t.patientId, t.at),
  ],
);

/** The head of each tenant's chain; written only by the audit trigger, which locks it per tenant. */
export const auditHeads = tenantTable("audit_heads", {
  id: text("id").notNull().default("chain"),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: bytea("hash").notNull(),
});
