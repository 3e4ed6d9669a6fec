// The HTTP server: Remix behind the express application of app/server/http-app.server.ts (request id,
// security headers, Origin check, body limit, caching and compression, a structured log line after each).
import type { ServerBuild } from "@remix-run/node";
import { checkEnvOrExit } from "~/server/env.server";
import { createHttpApp, remixRoute } from "~/server/http-app.server";
import { log } from "~/server/log.server";

// Every variable checked before anything starts: a bad one stops the server with its name.
const env = checkEnvOrExit();
const production = env.NODE_ENV === "production";
const port = env.PORT;
const host = env.HOST;

const buildPath = new URL("../build/server/index.js", import.meta.url).href;
type EntryModule = {
  closeDatabase?: () => Promise<void>;
  startInProcessJobs?: () => Promise<{ stop(): Promise<void> } | null>;
};
const build = (await import(buildPath)) as ServerBuild & { entry: { module: EntryModule } };

const app = createHttpApp({
  route: remixRoute(build),
  production,
  trustProxy: env.TRUST_PROXY,
  clientDir: "build/client",
});

const server = app.listen(port, host, () => {
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  log("info", "listening", { url });
  // A person at a terminal gets a plain sentence too; log collectors get only the JSON above.
  if (process.stdout.isTTY) process.stdout.write(`\nEMR is running: open ${url} (Ctrl-C to stop)\n\n`);
});

// Background jobs run in this process unless JOB_RUNNER names a separate worker (app/jobs/run-jobs.server.ts).
const jobs = await build.entry.module.startInProcessJobs?.();

// remix-serve would hang on SIGTERM with a pool open (docs/stack.md): close the server, then the database.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log("info", "stopping", { signal });
  server.close();
  await jobs?.stop();
  await build.entry.module.closeDatabase?.();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
