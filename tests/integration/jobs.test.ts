// Background work on the Postgres-backed queue (decision 025): the runner works the housekeeping and
// audit queues through the application role, on either engine, a failing job is retried and shows in
// readJobStatus with its message, and the job module keeps its schema out of the request path.
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~db/audit-chain.server";
import { databaseEngine } from "~db/client.server";
import { readJobStatus } from "~db/job-queue.server";
import { JOB_QUEUES, type JobQueueName } from "~db/job-queues";
import { sessions, signInAttempts } from "~db/schema";
import { rowsOf, systemActor, withIdentity, withTenant } from "~db/scope.server";
import { ATTEMPT_RETENTION_MS } from "~/auth/sign-in-throttle.server";
import { jobRunnerMode, type JobRunner, startJobRunner } from "~/jobs/run-jobs.server";
import { withAdmin } from "../support/admin";
import { createTestHospital, createTestStaff } from "../support/factories";

const DAY = 24 * 60 * 60_000;
// Anchors written by this file's runner go to a directory of its own.
process.env.AUDIT_ANCHOR_DIR = mkdtempSync(path.join(os.tmpdir(), "emr-anchors-"));

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const statusOf = async (queue: JobQueueName) => (await readJobStatus()).find((s) => s.queue === queue)!;

describe("the job runner", () => {
  let runner: JobRunner;
  // The chainer links every hospital's backlog; on a shared Postgres database that would race the audit
  // tests' backlog counts, so it is worked here only on this file's own PGlite.
  const queues: JobQueueName[] = [
    JOB_QUEUES.pruneExpiredSessions,
    JOB_QUEUES.pruneSignInAttempts,
    JOB_QUEUES.anchorAuditChains,
    ...(databaseEngine() === "pglite" ? [JOB_QUEUES.chainAuditBacklog] : []),
  ];
  beforeAll(async () => {
    runner = await startJobRunner(queues);
  });
  afterAll(async () => {
    await runner.stop();
  });

  it("prunes expired sessions and sign-in attempts past retention, and shows the runs in the status", async () => {
    const hospital = await createTestHospital();
    const user = await createTestStaff(hospital.id);
    const now = Date.now();
    const expired = `expired-${randomUUID()}`;
    const live = `live-${randomUUID()}`;
    const oldKey = `old-${randomUUID()}`;
    const recentKey = `recent-${randomUUID()}`;
    await withIdentity("tests: housekeeping fixtures", async (p) => {
      await p.db.insert(sessions).values([
        { id: expired, userId: user.id, expiresAt: new Date(now - 60_000), absoluteExpiresAt: new Date(now + DAY) },
        { id: live, userId: user.id, expiresAt: new Date(now + 60_000), absoluteExpiresAt: new Date(now + DAY) },
      ]);
      await p.db.insert(signInAttempts).values([
        { emailKey: oldKey, address: "10.0.0.1", succeeded: false, at: new Date(now - ATTEMPT_RETENTION_MS - DAY) },
        { emailKey: recentKey, address: "10.0.0.1", succeeded: false, at: new Date(now - DAY) },
      ]);
    });
    const sentAt = new Date(Date.now() - 1000);
    await runner.send(JOB_QUEUES.pruneExpiredSessions);
    await runner.send(JOB_QUEUES.pruneSignInAttempts);
    const ran = (s: Awaited<ReturnType<typeof statusOf>>) => s.lastRun !== null && s.lastRun > sentAt;
    expect(ran(await until(() => statusOf(JOB_QUEUES.pruneExpiredSessions), ran))).toBe(true);
    expect(ran(await until(() => statusOf(JOB_QUEUES.pruneSignInAttempts), ran))).toBe(true);
    const left = await withIdentity("tests: what housekeeping left", async (p) => ({
      sessions: (await p.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))).map((s) => s.id),
      attempts: (await p.db.select({ key: signInAttempts.emailKey }).from(signInAttempts).where(eq(signInAttempts.address, "10.0.0.1"))).map((a) => a.key),
    }));
    expect(left.sessions).toEqual([live]);
    expect(left.attempts).toContain(recentKey);
    expect(left.attempts).not.toContain(oldKey);
  });

  it("a failing job is kept for retry with its message, visible in the status", async () => {
    const previous = process.env.AUDIT_ANCHOR_DIR;
    // A directory under a regular file cannot be created: the anchor job throws.
    const blocker = path.join(mkdtempSync(path.join(os.tmpdir(), "emr-jobs-")), "not-a-directory");
    writeFileSync(blocker, "");
    process.env.AUDIT_ANCHOR_DIR = path.join(blocker, "anchors");
    try {
      const sentAt = new Date(Date.now() - 1000);
      await runner.send(JOB_QUEUES.anchorAuditChains);
      const status = await until(() => statusOf(JOB_QUEUES.anchorAuditChains), (s) => s.lastFailure !== null && s.lastFailure.at > sentAt);
      expect(status.lastFailure?.message).toMatch(/EEXIST|ENOTDIR|not a directory/);
      // Retried later with backoff, not dropped: it waits in the queue.
      expect(status.backlog).toBeGreaterThanOrEqual(1);
    } finally {
      process.env.AUDIT_ANCHOR_DIR = previous;
    }
  });

  it.runIf(databaseEngine() === "pglite")("links a hospital's audit entries within seconds of their commit", async () => {
    const hospital = await createTestHospital();
    await withTenant(hospital.id, systemActor("tests"), async (t) => t.audit({ action: "patient.search" }));
    const result = await until(() => verifyAuditChain(hospital.id), (r) => r.unchained === 0, 20_000);
    expect(result).toMatchObject({ ok: true, unchained: 0 });
    expect(result.entries).toBeGreaterThan(0);
  });
});

describe("where the queue lives", () => {
  it("its tables are created by the migration step, owned by emr_owner, and worked only through the platform role", async () => {
    const [row] = await withAdmin(async ({ db }) =>
      rowsOf<{ owner: string; app_can_create: boolean; app_can_write: boolean; platform_can_work: boolean }>(
        await db.execute(sql`select pg_get_userbyid(n.nspowner)::text as owner,
                                      has_schema_privilege('emr_app', 'pgboss', 'CREATE') as app_can_create,
                                      has_table_privilege('emr_app', 'pgboss.job', 'UPDATE') as app_can_write,
                                      has_table_privilege('emr_platform', 'pgboss.job', 'UPDATE') as platform_can_work
                               from pg_namespace n where n.nspname = 'pgboss'`),
      ),
    );
    expect(row).toEqual({ owner: "emr_owner", app_can_create: false, app_can_write: false, platform_can_work: true });
  });

  it("JOB_RUNNER chooses where jobs run: in the server process unless told otherwise", () => {
    expect(jobRunnerMode(undefined)).toBe("in-process");
    expect(jobRunnerMode("worker")).toBe("worker");
    expect(() => jobRunnerMode("sometimes")).toThrow(/JOB_RUNNER must be one of/);
  });
});
