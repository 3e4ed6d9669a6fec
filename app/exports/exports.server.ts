// A hospital's data export (issue 9, docs/decisions/053-tenant-data-export.md):
//   requestExport(t)                 records the request (queued) in the member's transaction
//   queueExportJob(request)          after commit: the job that builds it (pg-boss, decision 025)
//   listExports(t)                   the settings page's list, newest first
//   openExportDownload(t, id, now)   a ready, unexpired archive to stream, the download audited
//   buildExport(payload)             the job: reads every exported table as the requesting actor and
//                                    streams a ZIP archive to EXPORT_DIR (build-archive.server.ts)
//   expireExports(now)               the clean-up job: archives past their expiry are deleted, rows kept
import { randomBytes } from "node:crypto";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { sendJob } from "~db/job-queue.server";
import { JOB_QUEUES } from "~db/job-queues";
import { dataExports, memberships, tenants, type DataExportManifest, type DataExportStatus } from "~db/schema";
import { isUuid, systemActor, withPlatform, withTenant, type Actor, type ActorKind, type TenantTx } from "~db/scope.server";
import { readEnv } from "~/server/env.server";
import { log } from "~/server/log.server";
import { describePeople } from "~/staff/people-of.server";
import { writeExportArchive } from "./build-archive.server";

/**
 * How long one build may run before the queue counts it as lost and runs it again (pg-boss's default is
 * 15 minutes, less than a large hospital's archive takes).
 */
export const EXPORT_JOB_HOURS = 6;

/** How long a ready archive may be downloaded. */
export const EXPORT_LIFETIME_HOURS = 24;

export const EXPORT_AUDIT_ACTIONS = {
  requested: "export.requested",
  completed: "export.completed",
  failed: "export.failed",
  downloaded: "export.downloaded",
  expired: "export.expired",
} as const;

export const EXPORT_ENTITY_TYPE = "data_exports";

/** Where archives are written: EXPORT_DIR, resolved once per call (tests set it). */
export function exportDirectory(): string {
  return path.resolve(readEnv(process.env, ["EXPORT_DIR"]).EXPORT_DIR);
}

/** The archive's path: a random name of the row, never a path a request names. */
export function exportFilePath(fileName: string): string {
  if (!/^[0-9a-f]{64}\.zip$/.test(fileName)) throw new Error("exportFilePath: not an export file name");
  return path.join(exportDirectory(), fileName);
}

export type ExportSummary = {
  id: string;
  status: DataExportStatus;
  requestedBy: string | null;
  requestedByKind: string;
  requestedAt: Date;
  finishedAt: Date | null;
  expiresAt: Date | null;
  fileSize: number | null;
  sha256: string | null;
  rows: number | null;
  files: number | null;
  downloads: number;
  error: string | null;
};

/** A ready archive past its expiry is shown (and treated) as expired before the clean-up job gets to it. */
export function effectiveStatus(row: { status: DataExportStatus; expiresAt: Date | null }, now: Date): DataExportStatus {
  return row.status === "ready" && row.expiresAt !== null && row.expiresAt <= now ? "expired" : row.status;
}

export type RequestExportResult = { ok: true; id: string } | { ok: false; problem: "alreadyRunning" };

/**
 * Records a request for an export of the whole hospital, as the transaction's actor. One at a time per
 * hospital: while one is queued or running, another is refused.
 */
export async function requestExport(t: TenantTx): Promise<RequestExportResult> {
  // Serialises two clicks at once: the second waits for the first's commit, then sees its row.
  await t.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`data-export:${t.tenantId}`}, 0))`);
  const [busy] = await t.db
    .select({ id: dataExports.id })
    .from(dataExports)
    .where(and(eq(dataExports.tenantId, t.tenantId), inArray(dataExports.status, ["queued", "running"])))
    .limit(1);
  if (busy) return { ok: false, problem: "alreadyRunning" };
  const [row] = await t.db
    .insert(dataExports)
    .values({
      tenantId: t.tenantId,
      requestedBy: t.actor.userId,
      requestedByKind: t.actor.kind,
      fileName: `${randomBytes(32).toString("hex")}.zip`,
    })
    .returning({ id: dataExports.id });
  t.audit({ action: EXPORT_AUDIT_ACTIONS.requested, entityType: EXPORT_ENTITY_TYPE, entityId: row!.id });
  return { ok: true, id: row!.id };
}

/** What the job needs: ids only (decision 025); the actor is checked against the request's row. */
export const exportJobPayload = z.object({
  tenantId: z.string().uuid(),
  exportId: z.string().uuid(),
  actorKind: z.enum(["user", "system", "support"]),
  actorId: z.string().uuid().or(z.literal("")),
});
export type ExportJobPayload = z.infer<typeof exportJobPayload>;

export function exportJobPayloadOf(tenantId: string, exportId: string, actor: Actor): ExportJobPayload {
  return { tenantId, exportId, actorKind: actor.kind, actorId: actor.userId ?? "" };
}

/**
 * Queues the job that builds a recorded request; called after the request's transaction committed. If the
 * queue cannot take it, the request is marked failed (the person may ask again) rather than left queued.
 */
export async function queueExportJob(payload: ExportJobPayload): Promise<void> {
  try {
    await sendJob(JOB_QUEUES.buildDataExport, payload, { expireInSeconds: EXPORT_JOB_HOURS * 3600 });
  } catch (error) {
    log("error", "data export not queued", { tenantId: payload.tenantId, error: (error as Error).message });
    await withTenant(payload.tenantId, actorOf(payload), (t) => markFailed(t, payload.exportId, "could not be queued"));
  }
}

function actorOf(payload: ExportJobPayload): Actor {
  return { kind: payload.actorKind as ActorKind, userId: payload.actorId === "" ? null : payload.actorId, address: "data export job" };
}

const summaryColumns = {
  id: dataExports.id,
  status: dataExports.status,
  requestedBy: dataExports.requestedBy,
  requestedByKind: dataExports.requestedByKind,
  requestedAt: dataExports.requestedAt,
  finishedAt: dataExports.finishedAt,
  expiresAt: dataExports.expiresAt,
  fileSize: dataExports.fileSize,
  sha256: dataExports.sha256,
  manifest: dataExports.manifest,
  downloads: dataExports.downloads,
  error: dataExports.error,
};

function summarise(row: { manifest: DataExportManifest | null } & Omit<ExportSummary, "rows" | "files">, now: Date): ExportSummary {
  const { manifest, ...rest } = row;
  return {
    ...rest,
    status: effectiveStatus(row, now),
    rows: manifest ? manifest.files.reduce((sum, f) => sum + f.rows, 0) : null,
    files: manifest ? manifest.files.length : null,
  };
}

/** The hospital's last exports, newest first. */
export async function listExports(t: TenantTx, now = new Date(), limit = 20): Promise<ExportSummary[]> {
  const rows = await t.db
    .select(summaryColumns)
    .from(dataExports)
    .where(eq(dataExports.tenantId, t.tenantId))
    .orderBy(desc(dataExports.requestedAt), desc(dataExports.id))
    .limit(limit);
  return rows.map((row) => summarise(row, now));
}

export type ExportDownload =
  | { ok: true; path: string; fileName: string; size: number; sha256: string }
  | { ok: false; problem: "notFound" | "notReady" | "expired" };

/**
 * A ready archive of this hospital that has not expired: its path on disk, the download recorded in the
 * audit log (and counted). Another hospital's id, or no id at all, is "notFound".
 */
export async function openExportDownload(t: TenantTx, id: string, now = new Date()): Promise<ExportDownload> {
  if (!isUuid(id)) return { ok: false, problem: "notFound" };
  const [row] = await t.db
    .select({ status: dataExports.status, expiresAt: dataExports.expiresAt, fileName: dataExports.fileName, fileSize: dataExports.fileSize, sha256: dataExports.sha256, requestedAt: dataExports.requestedAt })
    .from(dataExports)
    .where(and(eq(dataExports.tenantId, t.tenantId), eq(dataExports.id, id)));
  if (!row) return { ok: false, problem: "notFound" };
  const status = effectiveStatus(row, now);
  if (status === "expired") return { ok: false, problem: "expired" };
  if (status !== "ready") return { ok: false, problem: "notReady" };
  // Ready on the row but gone from disk (deleted by hand, another machine's disk): as good as expired.
  const onDisk = await stat(exportFilePath(row.fileName)).catch(() => null);
  if (!onDisk?.isFile()) return { ok: false, problem: "expired" };
  await t.db
    .update(dataExports)
    .set({ downloads: sql`${dataExports.downloads} + 1` })
    .where(and(eq(dataExports.tenantId, t.tenantId), eq(dataExports.id, id)));
  t.audit({ action: EXPORT_AUDIT_ACTIONS.downloaded, entityType: EXPORT_ENTITY_TYPE, entityId: id, details: { bytes: row.fileSize } });
  const day = row.requestedAt.toISOString().slice(0, 10);
  return { ok: true, path: exportFilePath(row.fileName), fileName: `export-${day}-${id.slice(0, 8)}.zip`, size: row.fileSize ?? 0, sha256: row.sha256 ?? "" };
}

async function markFailed(t: TenantTx, id: string, message: string): Promise<void> {
  await t.db
    .update(dataExports)
    .set({ status: "failed", finishedAt: new Date(), error: message.slice(0, 500) })
    .where(and(eq(dataExports.tenantId, t.tenantId), eq(dataExports.id, id), inArray(dataExports.status, ["queued", "running"])));
  t.audit({ action: EXPORT_AUDIT_ACTIONS.failed, entityType: EXPORT_ENTITY_TYPE, entityId: id, details: { error: message.slice(0, 200) } });
}

/**
 * The job: builds the archive of one request, as the actor who asked (their kind kept: a support actor
 * under a grant reads exactly as a member would). Idempotent: a request already ready, failed or
 * expired is left alone; one left running by a crashed worker is built again from the start.
 */
export async function buildExport(data: unknown, now: () => Date = () => new Date()): Promise<"ready" | "skipped"> {
  const payload = exportJobPayload.parse(data);
  const actor = actorOf(payload);
  const started = await withTenant(payload.tenantId, actor, async (t) => {
    const [row] = await t.db
      .update(dataExports)
      .set({ status: "running", startedAt: now() })
      .where(
        and(
          eq(dataExports.tenantId, t.tenantId),
          eq(dataExports.id, payload.exportId),
          inArray(dataExports.status, ["queued", "running"]),
          actor.userId === null ? sql`${dataExports.requestedBy} is null` : eq(dataExports.requestedBy, actor.userId),
          eq(dataExports.requestedByKind, actor.kind),
        ),
      )
      .returning({ fileName: dataExports.fileName });
    return row ?? null;
  });
  if (!started) return "skipped";
  const target = exportFilePath(started.fileName);
  try {
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const hospital = await describeHospital(payload.tenantId);
    // Names and e-mails of the staff (a global table the tenant scope cannot read), fetched before the
    // long read: one connection at a time on the embedded database.
    const userIds = await withTenant(payload.tenantId, actor, (t) =>
      t.db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.tenantId, t.tenantId)),
    );
    const people = await describePeople(userIds.map((r) => r.userId));
    const createdAt = now();
    const result = await withTenant(payload.tenantId, actor, (t) => writeExportArchive(t, { target, hospital, people, createdAt }));
    await withTenant(payload.tenantId, actor, async (t) => {
      await t.db
        .update(dataExports)
        .set({
          status: "ready",
          finishedAt: now(),
          fileSize: result.size,
          sha256: result.sha256,
          manifest: result.manifest,
          expiresAt: new Date(now().getTime() + EXPORT_LIFETIME_HOURS * 3600_000),
          error: null,
        })
        .where(and(eq(dataExports.tenantId, t.tenantId), eq(dataExports.id, payload.exportId)));
      t.audit({
        action: EXPORT_AUDIT_ACTIONS.completed,
        entityType: EXPORT_ENTITY_TYPE,
        entityId: payload.exportId,
        details: { bytes: result.size, sha256: result.sha256, rows: Object.fromEntries(result.manifest.files.map((f) => [f.table, f.rows])) },
      });
    });
    return "ready";
  } catch (error) {
    await rm(target, { force: true }).catch(() => {});
    await withTenant(payload.tenantId, actor, (t) => markFailed(t, payload.exportId, (error as Error).message));
    throw error;
  }
}

async function describeHospital(tenantId: string): Promise<{ id: string; slug: string; name: string }> {
  const [row] = await withPlatform("the hospital's name and slug, for its data export's manifest", (p) =>
    p.db.select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)),
  );
  if (!row) throw new Error("buildExport: no such hospital");
  return row;
}

/**
 * The clean-up job: every hospital's ready archives past their expiry become "expired" and their files are
 * deleted; the rows stay, so the page still shows who exported what and when. Requests left queued or
 * running past the job's limit become "failed", so they no longer block a new export.
 */
export async function expireExports(now = new Date()): Promise<{ expired: number }> {
  const hospitals = await withPlatform("hospitals whose data exports may have expired", (p) => p.db.select({ id: tenants.id }).from(tenants));
  let expired = 0;
  for (const { id } of hospitals) {
    const files = await withTenant(id, systemActor("data export clean-up"), async (t) => {
      const rows = await t.db
        .update(dataExports)
        .set({ status: "expired" })
        .where(and(eq(dataExports.tenantId, t.tenantId), eq(dataExports.status, "ready"), lte(dataExports.expiresAt, now)))
        .returning({ id: dataExports.id, fileName: dataExports.fileName });
      for (const row of rows) t.audit({ action: EXPORT_AUDIT_ACTIONS.expired, entityType: EXPORT_ENTITY_TYPE, entityId: row.id });
      // A request whose job never ran (the process died between the request's commit and queueing it) or
      // outlived the queue's limit would block the hospital's next export for ever: it fails, with a reason.
      const abandoned = await t.db
        .select({ id: dataExports.id })
        .from(dataExports)
        .where(
          and(
            eq(dataExports.tenantId, t.tenantId),
            inArray(dataExports.status, ["queued", "running"]),
            lte(dataExports.requestedAt, new Date(now.getTime() - (EXPORT_JOB_HOURS + 1) * 3600_000)),
          ),
        );
      for (const row of abandoned) await markFailed(t, row.id, "abandoned: not built within the queue's limit");
      return rows.map((r) => r.fileName);
    });
    for (const fileName of files) await rm(exportFilePath(fileName), { force: true });
    expired += files.length;
  }
  return { expired };
}
