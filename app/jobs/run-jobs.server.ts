// Background work (docs/architecture.md §3, decision 025): housekeeping and the audit chain on pg-boss, in
// Postgres. Every job is idempotent (it prunes, links or anchors whatever is due when it runs), is
// retried with backoff when it throws, and leaves its runs in the queue's tables for readJobStatus().
//
// Where it runs is chosen by JOB_RUNNER:
//   in-process (default)  the web server works the queues too: nothing else to start, and the only way
//                         on PGlite, whose data folder one process holds
//   worker                the web server only serves; `npm run worker` works the queues (production)
//   off                   nothing works the queues (tests that must not be disturbed)
import { anchorAuditChains } from "~db/audit-anchor.server";
import { chainAuditBacklog } from "~db/audit-chain.server";
import { openJobQueue } from "~db/job-queue.server";
import { JOB_QUEUES, type JobQueueName } from "~db/job-queues";
import { pruneExpiredSessions } from "~/auth/session.server";
import { pruneSignInAttempts } from "~/auth/sign-in-throttle.server";
import { buildExport, expireExports } from "~/exports/exports.server";
import { deliverOutbox } from "~/mail/outbox.server";
import { log } from "~/server/log.server";
import { refreshTenantStats } from "~/admin/console/stats.server";

export const JOB_RUNNER_MODES = ["in-process", "worker", "off"] as const;
export type JobRunnerMode = (typeof JOB_RUNNER_MODES)[number];

export function jobRunnerMode(value = process.env.JOB_RUNNER): JobRunnerMode {
  if (value === undefined || value === "") return "in-process";
  if ((JOB_RUNNER_MODES as readonly string[]).includes(value)) return value as JobRunnerMode;
  throw new Error(`JOB_RUNNER must be one of ${JOB_RUNNER_MODES.join(", ")}`);
}

/**
 * What each queue does. Payloads are empty (a job works on whatever is due, so a rerun is harmless), but
 * for a data export's, which names its request by ids (decision 053) and skips one already built.
 */
export const JOBS: Record<JobQueueName, (data: unknown) => Promise<unknown>> = {
  [JOB_QUEUES.pruneExpiredSessions]: () => pruneExpiredSessions(),
  [JOB_QUEUES.pruneSignInAttempts]: () => pruneSignInAttempts(new Date()),
  [JOB_QUEUES.chainAuditBacklog]: () => chainAuditBacklog(),
  // The heads as the chainer left them (it runs every few seconds): an anchor never links entries itself.
  [JOB_QUEUES.anchorAuditChains]: () => anchorAuditChains(),
  // Throws when a message failed, so the failure shows in jobs:status; each message keeps its own
  // attempts and backoff in the outbox.
  [JOB_QUEUES.deliverMail]: async () => {
    const report = await deliverOutbox();
    if (report.failed > 0) throw new Error(`${report.failed} e-mail(s) failed; they are retried with backoff`);
    return report;
  },
  [JOB_QUEUES.buildDataExport]: (data) => buildExport(data),
  [JOB_QUEUES.expireDataExports]: () => expireExports(),
  // Counts per hospital for the console, without reading a patient's row (decision 057).
  [JOB_QUEUES.refreshTenantStats]: () => refreshTenantStats(),
};

/** Cron schedules (UTC). pg-boss keeps them in its tables, so several processes never double them. */
const SCHEDULES: { queue: JobQueueName; cron: string }[] = [
  { queue: JOB_QUEUES.pruneExpiredSessions, cron: "*/15 * * * *" },
  { queue: JOB_QUEUES.pruneSignInAttempts, cron: "17 3 * * *" },
  { queue: JOB_QUEUES.anchorAuditChains, cron: "7 * * * *" },
  { queue: JOB_QUEUES.deliverMail, cron: "* * * * *" },
  { queue: JOB_QUEUES.expireDataExports, cron: "23 * * * *" },
  { queue: JOB_QUEUES.refreshTenantStats, cron: "*/10 * * * *" },
];

/** The audit chain follows commits closely: a chaining job every few seconds, one per slot across processes. */
const CHAIN_EVERY_SECONDS = 5;
const POLLING_SECONDS = 2;
const MAIL_EVERY_SECONDS = 5;

export type JobRunner = { send(queue: JobQueueName): Promise<string | null>; stop(): Promise<void> };

/** `queues` narrows what this runner works (tests); by default, every queue, on schedule. */
export async function startJobRunner(queues: JobQueueName[] = Object.values(JOB_QUEUES)): Promise<JobRunner> {
  const boss = await openJobQueue({ supervise: true, schedule: true });
  boss.on("error", (error: Error) => log("error", "job queue", { error: error.message }));
  await boss.start();
  for (const queue of queues) {
    await boss.work(queue, { pollingIntervalSeconds: POLLING_SECONDS }, async (jobs) => {
      for (const job of jobs) await JOBS[queue](job.data);
    });
  }
  for (const { queue, cron } of SCHEDULES.filter((s) => queues.includes(s.queue))) await boss.schedule(queue, cron, {}, { tz: "UTC" });
  const requestChaining = () =>
    boss
      .send(JOB_QUEUES.chainAuditBacklog, {}, { singletonKey: JOB_QUEUES.chainAuditBacklog, singletonSeconds: CHAIN_EVERY_SECONDS })
      .catch((error: Error) => log("error", "job queue", { queue: JOB_QUEUES.chainAuditBacklog, error: error.message }));
  const ticker = queues.includes(JOB_QUEUES.chainAuditBacklog) ? setInterval(requestChaining, CHAIN_EVERY_SECONDS * 1000) : undefined;
  ticker?.unref();
  // E-mail follows its cause within seconds (the cron above is the floor), one job per slot across processes.
  const requestMail = () =>
    boss
      .send(JOB_QUEUES.deliverMail, {}, { singletonKey: JOB_QUEUES.deliverMail, singletonSeconds: MAIL_EVERY_SECONDS })
      .catch((error: Error) => log("error", "job queue", { queue: JOB_QUEUES.deliverMail, error: error.message }));
  const mailTicker = queues.includes(JOB_QUEUES.deliverMail) ? setInterval(requestMail, MAIL_EVERY_SECONDS * 1000) : undefined;
  mailTicker?.unref();
  // The console's figures right after a deploy, not up to ten minutes later (decision 057).
  if (queues.includes(JOB_QUEUES.refreshTenantStats)) {
    await boss
      .send(JOB_QUEUES.refreshTenantStats, {}, { singletonKey: JOB_QUEUES.refreshTenantStats, singletonSeconds: 60 })
      .catch((error: Error) => log("error", "job queue", { queue: JOB_QUEUES.refreshTenantStats, error: error.message }));
  }
  log("info", "job runner started", { queues: queues.join(",") });
  return {
    /** Queues a job now (operators, tests); the runner that works its queue picks it up. */
    send: (queue) => boss.send(queue, {}),
    async stop() {
      clearInterval(ticker);
      clearInterval(mailTicker);
      await boss.stop({ graceful: true, close: false, wait: true, timeout: 10_000 });
    },
  };
}

/** For the web server: starts the runner unless JOB_RUNNER says another process (or none) does it. */
export async function startInProcessJobs(): Promise<JobRunner | null> {
  return jobRunnerMode() === "in-process" ? startJobRunner() : null;
}
