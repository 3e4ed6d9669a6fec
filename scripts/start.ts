// The production start (`npm start`, the container): one HTTP server process per core on Postgres
// (docs/decisions/029-one-server-process-per-core.md). The primary only forks and watches; each worker
// runs scripts/serve.ts unchanged, and node:cluster shares the listening port between them.
//
//   WEB_CONCURRENCY  server processes to run; default: the cores this process may use. 1 = no cluster.
//
// PGlite (no DATABASE_URL) is one database inside one process: it always runs single-process.
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { log } from "~/server/log.server";
import { serverProcessCount } from "./server-processes";

const plan = serverProcessCount(process.env, availableParallelism());

if (cluster.isWorker || plan.processes === 1) {
  if (cluster.isPrimary) log("info", "server processes", { processes: 1, reason: plan.reason });
  await import("./serve");
} else {
  runPrimary(plan.processes);
}

function runPrimary(processes: number) {
  log("info", "server processes", { processes, reason: plan.reason });
  let stopping = false;
  let exitCode = 0;
  const everListened = new WeakSet<Worker>();

  const fork = () => {
    const worker = cluster.fork();
    worker.on("listening", () => everListened.add(worker));
  };
  for (let i = 0; i < processes; i++) fork();

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    // A worker that never got as far as listening (no build, bad configuration) would fail again at
    // once: stop rather than fork in a loop. One that served and then died is replaced.
    if (!everListened.has(worker)) {
      log("error", "server process failed to start", { pid: worker.process.pid, code, signal });
      stop("worker failed", 1);
      return;
    }
    log("warn", "server process exited, starting another", { pid: worker.process.pid, code, signal });
    fork();
  });

  function stop(reason: string, code = 0) {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    log("info", "stopping", { signal: reason });
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    // Each worker closes its server and its database pool on SIGTERM (scripts/serve.ts).
    for (const worker of workers) worker.process.kill("SIGTERM");
    if (workers.length === 0) process.exit(exitCode);
    // serve.ts gives its pool 5 s to close; past that, leave anyway.
    setTimeout(() => process.exit(exitCode), 10_000).unref();
  }
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
