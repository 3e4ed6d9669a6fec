// The HTTP server: Remix behind express, with the protections every request needs before it reaches a
// route (request id, security headers, Origin check, body limit) and a structured log line after it.
import { randomUUID } from "node:crypto";
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import type { RequestLogFields } from "~/server/context";
import { log, routeForLog } from "~/server/log.server";
import { createNonce, expectedOrigin, isOriginAllowed, securityHeaders } from "~/server/security.server";
import enErrors from "~/locales/en/errors.json";
import viErrors from "~/locales/vi/errors.json";

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const MAX_BODY_BYTES = 1_000_000;

const buildPath = new URL("../build/server/index.js", import.meta.url).href;
type EntryModule = {
  closeDatabase?: () => Promise<void>;
  startInProcessJobs?: () => Promise<{ stop(): Promise<void> } | null>;
};
const build = (await import(buildPath)) as ServerBuild & { entry: { module: EntryModule } };

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "1");

app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  const requestId = randomUUID();
  const nonce = createNonce();
  const fields: RequestLogFields = {};
  res.locals.requestId = requestId;
  res.locals.nonce = nonce;
  res.locals.log = fields;
  res.setHeader("X-Request-Id", requestId);
  for (const [name, value] of Object.entries(securityHeaders(nonce, production))) res.setHeader(name, value);
  res.on("finish", () => {
    log("info", "request", {
      requestId,
      tenantId: fields.tenantId,
      userId: fields.userId,
      method: req.method,
      route: routeForLog(req.path),
      status: res.statusCode,
      ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
    });
  });
  next();
});

// Both languages: this answer is given before we know who is asking.
function refuse(res: express.Response, status: number, key: "crossOrigin" | "tooLarge") {
  res.status(status).type("text/plain; charset=utf-8").send(`${viErrors[key]}\n${enErrors[key]}\n`);
}

app.use((req, res, next) => {
  if (!isOriginAllowed(req.method, req.get("origin"), expectedOrigin(req.protocol, req.get("host")))) {
    return refuse(res, 403, "crossOrigin");
  }
  if (Number(req.get("content-length") ?? 0) > MAX_BODY_BYTES) return refuse(res, 413, "tooLarge");
  next();
});

app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));

app.all(
  "*",
  createRequestHandler({
    build,
    // Always production mode: this server only ever serves a production build, and production mode is
    // what keeps error messages and stacks out of the page data.
    mode: "production",
    getLoadContext: (req, res) => ({
      requestId: res.locals.requestId as string,
      cspNonce: res.locals.nonce as string,
      log: res.locals.log as RequestLogFields,
      clientAddress: req.ip ?? "unknown",
    }),
  }),
);

const server = app.listen(port, host, () => {
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  log("info", "listening", { url });
  // A person at a terminal gets a plain sentence too; log collectors get only the JSON above.
  if (process.stdout.isTTY) process.stdout.write(`\nEMR is running: open ${url} (Ctrl-C to stop)\n\n`);
});

// Background jobs run in this process unless JOB_RUNNER names a separate worker (app/jobs/run-jobs.server.ts).
const jobs = await build.entry.module.startInProcessJobs?.();

// remix-serve would hang on SIGTERM with a pool open (STACK.md): close the server, then the database.
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
