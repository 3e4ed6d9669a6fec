// npm run jobs:status: each job queue's last run, last failure and backlog, and the audit chain's
// unchained backlog per hospital (ids and counts only). Exit 1 when a queue's latest outcome is a failure.
import { listAuditBacklog } from "~db/audit-chain.server";
import { closeDatabase } from "~db/client.server";
import { readJobStatus } from "~db/job-queue.server";

const when = (date: Date | null) => (date ? date.toISOString() : "never");
let status = 0;
try {
  console.log("| queue | last run | last failure | waiting | running |");
  console.log("| --- | --- | --- | ---: | ---: |");
  for (const job of await readJobStatus()) {
    const failure = job.lastFailure ? `${when(job.lastFailure.at)} ${job.lastFailure.message ?? ""}`.trim() : "none";
    console.log(`| ${job.queue} | ${when(job.lastRun)} | ${failure} | ${job.backlog} | ${job.active} |`);
    if (job.lastFailure && (!job.lastRun || job.lastFailure.at > job.lastRun)) status = 1;
  }
  const backlog = await listAuditBacklog();
  const pending = backlog.reduce((sum, b) => sum + b.pending, 0);
  const oldest = backlog[0]?.oldest;
  console.log(`\naudit chain backlog: ${pending} unchained entries in ${backlog.length} hospitals${oldest ? `, oldest from ${oldest.toISOString()}` : ""}`);
} finally {
  await closeDatabase();
}
process.exit(status);
