// The practice copy's way in (decision 043). A practice copy is made inside the real hospital's own
// transaction (member.tx of an admin): the database functions of the training migration check that the
// transaction acts for that hospital, create the new tenant, copy the configuration and the staff into
// it, and end on the real hospital again. This module is the one place that then continues the same
// transaction inside the new copy, to fill it with made-up patients, so that a copy is made whole or
// not at all.
import { sql } from "drizzle-orm";
import { auditEvents } from "./schema";
import { isUuid, rowsOf, type Actor, type AuditEntry, type TenantTx } from "./scope.server";

export type OpenedTrainingCopy = {
  copyId: string;
  copySlug: string;
  /** True when the copy was made now (and `fill` ran); false when the live copy already existed. */
  created: boolean;
  /** "reset" only: the copy archived to make room for this one, if there was one. */
  archivedId: string | null;
};

/**
 * Opens the practice copy of the hospital `t` acts for ("open": the live one, or a new one; "reset":
 * archive the live one, then a new one). A new copy is handed to `fill` as a tenant transaction of the
 * copy, acting as `fillActor` (the system: made-up patients are not anyone's practice), in the same
 * transaction; then the transaction is the real hospital's again.
 */
export async function openTrainingCopy(
  t: TenantTx,
  mode: "open" | "reset",
  fill: (copy: TenantTx) => Promise<void>,
  fillActor: Actor,
): Promise<OpenedTrainingCopy> {
  let opened: OpenedTrainingCopy;
  if (mode === "open") {
    const [row] = rowsOf<{ copy_id: string; copy_slug: string; created: boolean }>(
      await t.db.execute(sql`select copy_id, copy_slug, created from open_training_copy(${t.tenantId}::uuid)`),
    );
    opened = { copyId: row!.copy_id, copySlug: row!.copy_slug, created: row!.created, archivedId: null };
  } else {
    const [row] = rowsOf<{ copy_id: string; copy_slug: string; archived_id: string | null }>(
      await t.db.execute(sql`select copy_id, copy_slug, archived_id from reset_training_copy(${t.tenantId}::uuid)`),
    );
    opened = { copyId: row!.copy_id, copySlug: row!.copy_slug, created: true, archivedId: row!.archived_id };
  }
  if (opened.created) await insideCopy(t, opened.copyId, fillActor, fill);
  return opened;
}

/**
 * Runs `fn` inside the practice copy `copyId` of t's hospital, in t's transaction, as `actor`; then
 * restores t's tenant and actor. Refuses anything but the live practice copy of t's own hospital.
 */
async function insideCopy(t: TenantTx, copyId: string, actor: Actor, fn: (copy: TenantTx) => Promise<void>): Promise<void> {
  if (!isUuid(copyId)) throw new Error("insideCopy: copyId must be a uuid");
  const [live] = rowsOf<{ id: string | null }>(await t.db.execute(sql`select training_live_copy(${t.tenantId}::uuid) as id`));
  if (live?.id !== copyId) throw new Error("insideCopy: not the live practice copy of this hospital");
  await bind(t, copyId, actor);
  const pending: AuditEntry[] = [];
  const copy: TenantTx = { db: t.db, tenantId: copyId, actor, audit: (entry) => void pending.push(entry) };
  await fn(copy);
  if (pending.length > 0) {
    await t.db.insert(auditEvents).values(
      pending.map((entry) => ({
        tenantId: copyId,
        actorId: actor.userId,
        actorKind: actor.kind,
        address: actor.address ?? null,
        action: entry.action,
        entityType: entry.entityType ?? null,
        entityId: entry.entityId ?? null,
        patientId: entry.patientId ?? null,
        details: entry.details ?? null,
      })),
    );
  }
  await bind(t, t.tenantId, t.actor);
}

async function bind(t: TenantTx, tenantId: string, actor: Actor): Promise<void> {
  await t.db.execute(
    sql`select set_config('app.tenant_id', ${tenantId}, true),
               set_config('app.actor_id', ${actor.userId ?? ""}, true),
               set_config('app.actor_kind', ${actor.kind}, true),
               set_config('app.address', ${actor.address ?? ""}, true)`,
  );
}

export type TrainingProgressRow = { actorId: string; action: string; entries: number };

/** Entries of the live practice copy's audit log per person and action (counts only); [] without a copy. */
export async function readTrainingProgress(t: TenantTx, actions: readonly string[]): Promise<TrainingProgressRow[]> {
  if (actions.length === 0) return [];
  const rows = rowsOf<{ actor_id: string; action: string; entries: string | number }>(
    await t.db.execute(
      sql`select actor_id, action, entries from training_progress(${t.tenantId}::uuid, ${sql`array[${sql.join(
        actions.map((a) => sql`${a}`),
        sql`, `,
      )}]::text[]`})`,
    ),
  );
  return rows.map((r) => ({ actorId: r.actor_id, action: r.action, entries: Number(r.entries) }));
}
