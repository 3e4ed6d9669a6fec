// The audit log (decision 006): tenant tables declared through the kit, but outside its triggers: the
// write-audit trigger would record its own entries, so these two keep their own grants and triggers
// (migrations 0002, 0003 and the audit-owner migration), and the application role cannot UPDATE either.
// Both are owned by emr_audit_owner (decision 023).
import { sql } from "drizzle-orm";
import { bigint, customType, index, jsonb, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenantTable } from "./kit";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Append-only for the application role. Rows are written unchained in the reader's own transaction; the
 * chainer (audit_chain_backlog, decision 022) fills seq, prev_hash and hash shortly after commit, once,
 * in a deterministic order. Actor and address come from the transaction's settings, not from the row.
 */
export const auditEvents = tenantTable(
  "audit_events",
  {
    // Null until the chainer links the entry.
    seq: bigint("seq", { mode: "number" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorKind: text("actor_kind").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    patientId: uuid("patient_id"),
    address: text("address"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    prevHash: bytea("prev_hash"),
    hash: bytea("hash"),
  },
  (t) => [
    unique("audit_events_tenant_seq_key").on(t.tenantId, t.seq),
    index("audit_events_tenant_patient_idx").on(t.tenantId, t.patientId, t.at),
    // The backlog: what the chainer has still to link, in the order it links it.
    index("audit_events_unchained_idx").on(t.tenantId, t.at, t.id).where(sql`seq is null`),
    // The hospital's audit page (decision 060): newest first, a page at a time, read backwards; and the
    // vendor's activity alone (support access and console actions), a small part of the log.
    index("audit_events_tenant_at_idx").on(t.tenantId, t.at, t.id),
    index("audit_events_vendor_at_idx").on(t.tenantId, t.at, t.id).where(sql`actor_kind in ('support', 'platform')`),
  ],
);

/** The head of each tenant's chain; written only by the chainer, one chainer per tenant at a time. */
export const auditHeads = tenantTable("audit_heads", {
  id: text("id").notNull().default("chain"),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: bytea("hash").notNull(),
});
