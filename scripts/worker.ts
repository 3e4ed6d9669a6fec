// npm run worker: works the job queues in a process of its own (production sets JOB_RUNNER=worker on
// the web servers so that they leave the queues to this). Postgres only: on PGlite the web server's
// process holds the database and runs the jobs itself.
import { closeDatabase, databaseEngine } from "~db/client.server";
import { startJobRunner } from "~/jobs/run-jobs.server";
import { log } from "~/server/log.server";

if (databaseEngine() !== "postgres") {
  console.error("npm run worker needs DATABASE_URL: on the embedded database the server runs the jobs (JOB_RUNNER=in-process).");
  process.exit(2);
}

const runner = await startJobRunner();
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log("info", "worker stopping", { signal });
  await runner.stop();
  await closeDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
