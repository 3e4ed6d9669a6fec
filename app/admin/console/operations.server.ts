// The console's operations page (issue 9): the job queue (runs, failures, retry), security events across
// hospitals, the audit anchors (each hospital's chain head, checked on demand) and health (database,
// mail outbox, job backlog). Kinds, ids, counts, times, route patterns and addresses: never patient data.
import { and, desc, eq, gte, isNull, sql, type SQL } from "drizzle-orm";
import { readLatestAnchor } from "~db/audit-anchor.server";
import { verifyAuditChains, verificationPassed } from "~db/audit-chain.server";
import { listJobRuns, readJobStatus, retryFailedJob, type JobRun, type JobStatus } from "~db/job-queue.server";
import { JOB_QUEUES } from "~db/job-queues";
import { outbox, SECURITY_EVENT_KINDS, securityEvents, tenants, type SecurityEventKind } from "~db/schema";
import { isUuid, rowsOf, withPlatform } from "~db/scope.server";
import { recordPlatformAudit } from "~/platform/platform-audit.server";

export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;

export type OperationsQuery = { jobState: string | null; eventKind: SecurityEventKind | null; eventHospital: string | null; eventDays: number };

export function parseOperationsQuery(params: URLSearchParams): OperationsQuery {
  const state = params.get("jobState");
  const kind = params.get("eventKind");
  const hospital = params.get("eventHospital");
  const days = Number.parseInt(params.get("eventDays") ?? "7", 10);
  return {
    jobState: state && (JOB_STATES as readonly string[]).includes(state) ? state : null,
    eventKind: kind && (SECURITY_EVENT_KINDS as readonly string[]).includes(kind) ? (kind as SecurityEventKind) : null,
    eventHospital: isUuid(hospital) ? hospital : null,
    eventDays: [1, 7, 30, 90].includes(days) ? days : 7,
  };
}

export type SecurityEventRow = { id: number; kind: string; hospital: { id: string; name: string } | null; route: string | null; address: string | null; at: string };

export type AnchorRow = { hospital: { id: string; name: string; slug: string }; seq: number; hash: string; anchoredSeq: number | null };

export type Health = {
  database: { ok: boolean; ms: number; bytes: number | null };
  mail: { queued: number; failed: number; sentToday: number; oldestQueuedAt: string | null };
  jobs: JobStatus[];
  anchor: { status: "none" | "invalid" | "ok"; at: string | null };
};

const ANCHOR_ROWS = 25;

export type Operations = {
  /** Hospitals with a chain head, of which `anchors` shows the longest. */
  anchorTotal: number;
  query: OperationsQuery;
  jobs: (Omit<JobRun, "createdOn" | "startedOn" | "completedOn"> & { createdOn: string; completedOn: string | null })[];
  events: SecurityEventRow[];
  anchors: AnchorRow[];
  health: Health;
  hospitals: { id: string; name: string }[];
};

export async function readOperations(query: OperationsQuery, now = new Date()): Promise<Operations> {
  const started = performance.now();
  const latest = readLatestAnchor();
  const anchored = new Map(latest.status === "ok" ? latest.anchor.heads.map((h) => [h.tenantId, h.seq]) : []);
  const read = await withPlatform("console: operations", async (p) => {
    const jobs = await listJobRuns(p, { state: query.jobState, limit: 20 });
    const conditions: SQL[] = [gte(securityEvents.at, new Date(now.getTime() - query.eventDays * 86_400_000))];
    if (query.eventKind) conditions.push(eq(securityEvents.kind, query.eventKind));
    if (query.eventHospital) conditions.push(eq(securityEvents.hospitalId, query.eventHospital));
    const events = await p.db
      .select({
        id: securityEvents.id,
        kind: securityEvents.kind,
        hospitalId: securityEvents.hospitalId,
        hospitalName: tenants.name,
        route: securityEvents.route,
        address: securityEvents.address,
        at: securityEvents.at,
      })
      .from(securityEvents)
      .leftJoin(tenants, eq(tenants.id, securityEvents.hospitalId))
      .where(and(...conditions))
      .orderBy(desc(securityEvents.at), desc(securityEvents.id))
      .limit(100);
    // The most recently active chains first (the longest); any other hospital is verified from the form.
    const heads = rowsOf<{ tenant_id: string; seq: string | number; hash: string; name: string; slug: string; total: number }>(
      await p.db.execute(sql`select h.tenant_id, h.seq, h.hash, t.name, t.slug, count(*) over ()::int as total from audit_chain_heads() h
                              join tenants t on t.id = h.tenant_id where t.archived_at is null order by h.seq desc, t.id limit ${ANCHOR_ROWS}`),
    );
    const [db] = rowsOf<{ bytes: string | number | null }>(await p.db.execute(sql`select pg_database_size(current_database()) as bytes`));
    const [mail] = rowsOf<{ queued: number; failed: number; sent_today: number; oldest: string | null }>(
      await p.db.execute(sql`select count(*) filter (where status = 'queued')::int as queued,
                                    count(*) filter (where status = 'failed')::int as failed,
                                    count(*) filter (where status = 'sent' and sent_at >= now() - interval '1 day')::int as sent_today,
                                    min(created_at) filter (where status = 'queued') as oldest
                             from ${outbox}`),
    );
    const hospitals = await p.db
      .select({ id: tenants.id, name: tenants.name })
      .from(tenants)
      .where(and(isNull(tenants.trainingOf), isNull(tenants.archivedAt)))
      .orderBy(sql`lower(${tenants.name})`)
      .limit(1000);
    return { jobs, events, heads, db, mail, hospitals };
  });
  const ms = Math.round(performance.now() - started);
  return {
    query,
    jobs: read.jobs.map(({ startedOn: _started, ...j }) => ({ ...j, createdOn: j.createdOn.toISOString(), completedOn: j.completedOn?.toISOString() ?? null })),
    events: read.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      hospital: e.hospitalId ? { id: e.hospitalId, name: e.hospitalName ?? e.hospitalId } : null,
      route: e.route,
      address: e.address,
      at: e.at.toISOString(),
    })),
    anchorTotal: read.heads[0]?.total ?? 0,
    anchors: read.heads.map((h) => ({
      hospital: { id: h.tenant_id, name: h.name, slug: h.slug },
      seq: Number(h.seq),
      hash: h.hash,
      anchoredSeq: anchored.get(h.tenant_id) ?? null,
    })),
    health: {
      database: { ok: true, ms, bytes: read.db?.bytes === null || read.db?.bytes === undefined ? null : Number(read.db.bytes) },
      mail: {
        queued: read.mail?.queued ?? 0,
        failed: read.mail?.failed ?? 0,
        sentToday: read.mail?.sent_today ?? 0,
        oldestQueuedAt: read.mail?.oldest ? new Date(read.mail.oldest).toISOString() : null,
      },
      jobs: await readJobStatus(),
      anchor: { status: latest.status, at: latest.status === "ok" ? latest.anchor.at : null },
    },
    hospitals: read.hospitals,
  };
}

export type Verification = { hospitalId: string; ok: boolean; entries: number; unchained: number; brokenAt: number | null; anchor: string };

/** Verifies one hospital's audit chain and its latest anchor (npm run audit:verify, on demand). */
export async function verifyHospitalChain(hospitalId: string, staffUserId: string): Promise<Verification | null> {
  if (!isUuid(hospitalId)) return null;
  const [hospital] = await withPlatform("console: find a hospital to verify", (p) =>
    p.db.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, hospitalId)),
  );
  if (!hospital) return null;
  // The web process has only the application's login: chain heads through the platform's definer function.
  const { verified } = await verifyAuditChains({ slugs: [hospital.slug] }, "platform");
  const v = verified[0];
  if (!v) return null;
  const result: Verification = {
    hospitalId,
    ok: verificationPassed(v),
    entries: v.result.entries,
    unchained: v.result.unchained,
    brokenAt: v.result.ok ? null : v.result.brokenAt,
    anchor: v.anchor.status,
  };
  await withPlatform("console: record a verification", (p) =>
    recordPlatformAudit(p, { staffUserId, action: "console.verify-audit-chain", hospitalId, details: { ok: result.ok, entries: result.entries, anchor: result.anchor } }),
  );
  return result;
}

/** Retries a failed job and records who did, in one transaction. */
export async function retryJob(queue: string, id: string, staffUserId: string): Promise<boolean> {
  if (!isUuid(id) || !(Object.values(JOB_QUEUES) as string[]).includes(queue)) return false;
  return withPlatform("console: retry a failed job", async (p) => {
    const retried = await retryFailedJob(p, queue, id);
    if (retried) await recordPlatformAudit(p, { staffUserId, action: "console.retry-job", hospitalId: null, details: { queue, job: id } });
    return retried;
  });
}
