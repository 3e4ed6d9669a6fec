// The job queues (decision 025): names and retry policy, shared by the migration step (which creates
// them, as the owner) and the runner (which works them, as the application role). Payloads carry ids
// only, never patient data.
export const JOB_SCHEMA = "pgboss";

export const JOB_QUEUES = {
  pruneExpiredSessions: "prune-expired-sessions",
  pruneSignInAttempts: "prune-sign-in-attempts",
  chainAuditBacklog: "chain-audit-backlog",
  anchorAuditChains: "anchor-audit-chains",
  // The e-mail outbox (docs/decisions/032-mail-outbox.md).
  deliverMail: "deliver-mail",
  // A hospital's data export (docs/decisions/053-tenant-data-export.md): payload { tenantId, exportId }.
  buildDataExport: "build-data-export",
  expireDataExports: "expire-data-exports",
  // The console's per-hospital aggregates (decision 057).
  refreshTenantStats: "refresh-tenant-stats",
} as const;

export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES];

/** Retried with exponential backoff from 10 s, five times, then kept as failed for the status view. */
export const JOB_RETRY = { retryLimit: 5, retryDelay: 10, retryBackoff: true } as const;

/** pg-boss's own queue behind cron schedules; created with ours because the app role cannot create tables. */
export const CRON_QUEUE = "__pgboss__send-it";
