// The express application in front of Remix (docs/decisions/005-http-server.md, 011-http-edges.md): what
// every request passes before it reaches a route, and what every answer carries. scripts/serve.ts gives it
// the Remix build and listens; tests give it a small handler in place of Remix and send real HTTP.
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";
import enErrors from "~/locales/en/errors.json";
import viErrors from "~/locales/vi/errors.json";
import type { RequestLogFields } from "./context";
import { log, logError, routeForLog } from "./log.server";
import { createNonce, expectedOrigin, isOriginAllowed, securityHeaders } from "./security.server";
import type { TrustProxy } from "./trust-proxy.server";

export const MAX_BODY_BYTES = 1_000_000;
/** Pages, data, redirects and errors: a shared ward PC must not show a chart again after sign-out. */
export const NO_STORE = "private, no-store";
/** Vite names assets by content hash, so a cached copy can never be stale. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
const PUBLIC_FILE = "public, max-age=3600";
/** Requests Remix answers; anything else (TRACE, CONNECT, ...) is refused before a route sees it. */
const ACCEPTED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
const BODYLESS_METHODS = new Set(["GET", "HEAD"]);
/** Precompressed siblings written by the build (vite.config.ts), best first. */
const PRECOMPRESSED = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;

type RefusalKey = "crossOrigin" | "tooLarge" | "methodNotAllowed" | "badRequest" | "server";

/** Answers a request that passed every check: Remix in production, a stub in tests. */
export type RemixRoute = (request: Request, context: AppLoadContext) => Promise<Response>;

export type HttpAppOptions = {
  route: RemixRoute;
  production: boolean;
  trustProxy: TrustProxy;
  /** The client build folder (build/client); assets under it are served with their precompressed copies. */
  clientDir?: string;
};

export function remixRoute(build: ServerBuild): RemixRoute {
  // Always production mode: this server only ever serves a production build, and production mode is what
  // keeps error messages and stacks out of the page data.
  const handle = createRequestHandler(build, "production");
  return (request, context) => handle(request, context);
}

// Both languages: these answers are given before we know who is asking.
function refusalText(key: RefusalKey): string {
  const text = (errors: typeof enErrors) => {
    const entry = errors[key];
    return typeof entry === "string" ? entry : `${entry.title}. ${entry.body}`;
  };
  return `${text(viErrors)}\n${text(enErrors)}\n`;
}

function refuse(res: express.Response, status: number, key: RefusalKey): void {
  res.setHeader("Cache-Control", NO_STORE);
  res.status(status).type("text/plain; charset=utf-8").send(refusalText(key));
}

/** A NUL byte can never be meant, and Postgres refuses it in text (a 500 if it reached a query). */
function hasNulByte(url: string): boolean {
  return url.includes("\0") || /%00/i.test(url);
}

/**
 * Reads the body into memory, counting bytes as they arrive: Content-Length may be absent (chunked) or
 * wrong. Past the limit the answer is 413 and the connection is closed, so the rest is never read.
 */
function readBoundedBody(req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (BODYLESS_METHODS.has(req.method)) return next();
  if (Number(req.get("content-length") ?? 0) > MAX_BODY_BYTES) return refuseTooLarge(req, res);
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
    refused = true;
    req.off("data", onData);
    refuseTooLarge(req, res);
  };
  req.on("data", onData);
  req.once("end", () => {
    if (refused) return;
    res.locals.body = Buffer.concat(chunks, size);
    next();
  });
  req.once("error", (error) => {
    if (!refused) next(error);
  });
}

/** Pages with a file upload: an oversized body comes back to the page, which says what the limit is. */
const UPLOAD_PAGES = /^\/h\/[a-z0-9-]{1,100}\/setup\/staff$/;

function refuseTooLarge(req: express.Request, res: express.Response): void {
  res.setHeader("Connection", "close");
  // Once the answer is out, drop the connection rather than drain the rest of an oversized upload.
  res.once("finish", () => req.socket.destroySoon?.());
  req.pause();
  if (req.method === "POST" && UPLOAD_PAGES.test(req.path)) {
    res.setHeader("Cache-Control", NO_STORE);
    return void res.redirect(303, `${req.path}?tooLarge=1`);
  }
  refuse(res, 413, "tooLarge");
}

/** The Fetch API request Remix expects, from express's, with the body already read and bounded. */
function toFetchRequest(req: express.Request, res: express.Response): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  // req.protocol and the Host honour `trust proxy` only as far as TRUST_PROXY allows.
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
  const controller = new AbortController();
  // A client that goes away before the answer is written aborts the loaders still running for it.
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const body = res.locals.body as Buffer<ArrayBuffer> | undefined;
  return new Request(url, { method: req.method, headers, signal: controller.signal, body: BODYLESS_METHODS.has(req.method) ? undefined : body });
}

async function sendFetchResponse(res: express.Response, response: Response): Promise<void> {
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  // Whatever a route said, pages and data are never stored (the decision lists the reasons).
  res.setHeader("Cache-Control", NO_STORE);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * Serves `/assets/x.js` as `x.js.br` or `x.js.gz` when the build wrote one and the browser accepts it.
 * The list of files is read once: assets never change while the server runs.
 */
function precompressedAssets(dir: string): express.RequestHandler {
  const assetsDir = resolve(dir); // sendFile takes absolute paths only
  const available = new Set(existsSync(assetsDir) ? readdirSync(assetsDir) : []);
  return (req, res, next) => {
    if (!BODYLESS_METHODS.has(req.method)) return next();
    const name = req.path.slice(1);
    if (name.includes("/") || !available.has(name)) return next();
    res.vary("Accept-Encoding");
    for (const { encoding, suffix } of PRECOMPRESSED) {
      if (!available.has(name + suffix) || req.acceptsEncodings(encoding) !== encoding) continue;
      res.setHeader("Content-Encoding", encoding);
      res.setHeader("Cache-Control", IMMUTABLE);
      res.type(extname(name));
      return res.sendFile(join(assetsDir, name + suffix), { dotfiles: "deny", cacheControl: false }, (error) => {
        if (error) next(error);
      });
    }
    next();
  };
}

/**
 * The top-level files of the client build (the favicon), served as they are. Only a request whose first
 * path segment names one of them reaches express.static: every page request would otherwise cost a
 * failed fs.stat (and the error object send builds for it). The list is read once, like the assets'.
 */
function publicFiles(dir: string): express.RequestHandler {
  const names = new Set(existsSync(dir) ? readdirSync(dir) : []);
  const serve = express.static(dir, { cacheControl: false, setHeaders: (res) => res.setHeader("Cache-Control", PUBLIC_FILE) });
  return (req, res, next) => (names.has(firstSegment(req.path)) ? serve(req, res, next) : next());
}

/** `/favicon.svg` -> `favicon.svg`; "" for a segment that does not decode (it cannot name a file). */
function firstSegment(path: string): string {
  const end = path.indexOf("/", 1);
  try {
    return decodeURIComponent(path.slice(1, end < 0 ? undefined : end));
  } catch {
    return "";
  }
}

/**
 * compression() for a request that accepts some encoding; one that sent no Accept-Encoding gets the
 * answer as it is without the middleware wrapping every write. The answer still varies by the header.
 */
function compressWhenAccepted(): express.RequestHandler {
  const compress = compression();
  return (req, res, next) => {
    if (req.headers["accept-encoding"]) return compress(req, res, next);
    res.vary("Accept-Encoding");
    next();
  };
}

export function createHttpApp(options: HttpAppOptions): express.Express {
  const { route, production, trustProxy, clientDir } = options;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    const nonce = createNonce();
    const fields: RequestLogFields = {};
    res.locals.requestId = requestId;
    res.locals.nonce = nonce;
    res.locals.log = fields;
    res.setHeader("X-Request-Id", requestId);
    // The default for every answer; fingerprinted assets replace it below.
    res.setHeader("Cache-Control", NO_STORE);
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

  app.use((req, res, next) => {
    if (!ACCEPTED_METHODS.includes(req.method)) {
      res.setHeader("Allow", ACCEPTED_METHODS.join(", "));
      return refuse(res, 405, "methodNotAllowed");
    }
    if (hasNulByte(req.originalUrl)) return refuse(res, 400, "badRequest");
    if (!isOriginAllowed(req.method, req.get("origin"), expectedOrigin(req.protocol, req.get("host")))) {
      return refuse(res, 403, "crossOrigin");
    }
    next();
  });
  app.use(readBoundedBody);

  if (clientDir) {
    const assetsDir = join(clientDir, "assets");
    app.use("/assets", precompressedAssets(assetsDir));
    app.use("/assets", express.static(assetsDir, { cacheControl: false, setHeaders: (res) => res.setHeader("Cache-Control", IMMUTABLE) }));
    // Other public files (the favicon) carry no patient data but are not fingerprinted: an hour.
    app.use(publicFiles(clientDir));
  }
  // Pages and data, compressed on the fly (assets above are compressed at build time).
  app.use(compressWhenAccepted());

  app.all("*", async (req, res, next) => {
    try {
      const context: AppLoadContext = {
        requestId: res.locals.requestId as string,
        cspNonce: res.locals.nonce as string,
        log: res.locals.log as RequestLogFields,
        clientAddress: req.ip ?? "unknown",
      };
      await sendFetchResponse(res, await route(toFetchRequest(req, res), context));
    } catch (error) {
      next(error);
    }
  });

  // Whatever escaped: one structured line (no message, which may quote data), and a plain answer.
  // express tells an error handler by its four parameters.
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    logError(error, { where: "http", requestId: res.locals.requestId as string | undefined, route: routeForLog(req.path) });
    if (res.headersSent) return void res.destroy();
    const status = (error as { status?: unknown; type?: unknown }).status;
    // express and body parsers mark client faults (a malformed URL, an aborted upload) with a 4xx status.
    if (typeof status === "number" && status >= 400 && status < 500) return refuse(res, status, "badRequest");
    refuse(res, 500, "server");
  });
  return app;
}
