// The HTTP edge, over real sockets: the express application of the server, with a small route in place
// of Remix (whose server build does not exist under vitest) that records what reached it.
import fs, { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from "node:zlib";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHttpApp, IMMUTABLE, MAX_BODY_BYTES, NO_STORE, type RemixRoute } from "./http-app.server";
import { parseTrustProxy, type TrustProxy } from "./trust-proxy.server";

type Seen = { method: string; url: string; bodyBytes: number; clientAddress: string };
type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

const PAGE = `<!doctype html><html><body>${"<p>Bệnh nhân</p>".repeat(400)}</body></html>`;

/** The stand-in for Remix: answers by path, and records every request that reached it. */
function recordingRoute(seen: Seen[]): RemixRoute {
  return async (request: Request, context: AppLoadContext) => {
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array();
    const url = new URL(request.url);
    seen.push({ method: request.method, url: url.pathname + url.search, bodyBytes: body.length, clientAddress: context.clientAddress });
    if (url.pathname === "/boom") throw new Error("Failed query: params: Nguyễn Văn An");
    if (url.pathname === "/redirect") return new Response(null, { status: 302, headers: { Location: "/h", "Cache-Control": "public, max-age=60" } });
    if (url.pathname === "/address") return new Response(context.clientAddress, { headers: { "Content-Type": "text/plain" } });
    return new Response(PAGE, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=60" } });
  };
}

async function startServer(trustProxy: TrustProxy = 0, clientDir?: string) {
  const seen: Seen[] = [];
  const app = createHttpApp({ route: recordingRoute(seen), production: false, trustProxy, clientDir });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return { seen, port, origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * One raw HTTP request. `chunks` are written one by one without a Content-Length (chunked encoding), as a
 * client streaming an upload would; the answer is taken as soon as it arrives, even mid-upload.
 */
function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; chunks?: Buffer[] } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on("error", reject);
    });
    // Once answered, a reset while we are still uploading is the server refusing the rest: expected.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunks = options.chunks ?? [];
    const writeNext = (i: number) => {
      if (answered || req.destroyed) return;
      if (i === chunks.length) return void req.end();
      if (req.write(chunks[i]!)) setImmediate(() => writeNext(i + 1));
      else req.once("drain", () => writeNext(i + 1));
    };
    writeNext(0);
  });
}

describe("the HTTP edge", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());
  afterEach(() => vi.restoreAllMocks());

  it("answers 413 to a chunked body past the limit, without handing any of it to a route", async () => {
    const before = server.seen.length;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const chunks = Array.from({ length: Math.ceil((8 * MAX_BODY_BYTES) / chunk.length) }, () => chunk);
    const answer = await send(server.port, "/sign-in", {
      method: "POST",
      headers: { Origin: server.origin, "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
      chunks,
    });
    expect(answer.status).toBe(413);
    expect(answer.headers["cache-control"]).toBe(NO_STORE);
    expect(server.seen.length).toBe(before);
  });

  it("still passes a chunked body within the limit to the route, whole", async () => {
    const chunks = [Buffer.from("email=a%40b.vn&"), Buffer.from("password=x")];
    const answer = await send(server.port, "/sign-in", {
      method: "POST",
      headers: { Origin: server.origin, "Content-Type": "application/x-www-form-urlencoded" },
      chunks,
    });
    expect(answer.status).toBe(200);
    expect(server.seen.at(-1)).toMatchObject({ method: "POST", url: "/sign-in", bodyBytes: 25 });
  });

  it("answers 413 from the declared Content-Length alone", async () => {
    const answer = await send(server.port, "/sign-in", {
      method: "POST",
      headers: { Origin: server.origin, "Content-Length": String(MAX_BODY_BYTES + 1) },
    });
    expect(answer.status).toBe(413);
  });

  it("marks pages, redirects, refusals and errors private, no-store, whatever the route said", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const page = await send(server.port, "/h/bv-a/patients?q=an");
    const data = await send(server.port, "/h/bv-a/patients.data?q=an");
    const redirect = await send(server.port, "/redirect");
    const refused = await send(server.port, "/sign-in", { method: "POST", headers: { Origin: "https://evil.example" } });
    const failed = await send(server.port, "/boom");
    expect([page.status, data.status, redirect.status, refused.status, failed.status]).toEqual([200, 200, 302, 403, 500]);
    for (const answer of [page, data, redirect, refused, failed]) expect(answer.headers["cache-control"]).toBe(NO_STORE);
  });

  it("refuses TRACE and other unknown methods with 405, before any route", async () => {
    const before = server.seen.length;
    // (CONNECT never reaches express: Node hands it to a "connect" listener, and drops it without one.)
    for (const method of ["TRACE", "PROPFIND", "OPTIONS"]) {
      const answer = await send(server.port, "/", { method });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toContain("GET");
    }
    expect(server.seen.length).toBe(before);
  });

  it("refuses a NUL byte in the address with 400, before any route", async () => {
    const before = server.seen.length;
    for (const path of ["/h/bv-a/patients?q=%00", "/h/bv-a/patients?q=An%00", "/h/bv-a/patients%00"]) {
      expect((await send(server.port, path)).status, path).toBe(400);
    }
    expect(server.seen.length).toBe(before);
  });

  it("logs an escaped error as one JSON line without its message, and answers a plain 500", async () => {
    const writes: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    const answer = await send(server.port, "/boom");
    expect(answer.status).toBe(500);
    expect(answer.body.toString()).not.toContain("Error");
    expect(answer.body.toString()).not.toContain("Nguyễn");
    expect(writes).toHaveLength(1);
    const record = JSON.parse(writes[0]!);
    expect(record).toMatchObject({ level: "error", where: "http", route: "/boom", errorName: "Error" });
    expect(writes[0]).not.toContain("Nguyễn");
  });

  it("compresses pages for a browser that accepts it", async () => {
    const br = await send(server.port, "/", { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(br.body).toString()).toBe(PAGE);
    const gzip = await send(server.port, "/", { headers: { "Accept-Encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toBe(PAGE);
    const plain = await send(server.port, "/");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.body.toString()).toBe(PAGE);
  });
});

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg"/>`;

describe("fingerprinted assets", () => {
  const clientDir = mkdtempSync(join(tmpdir(), "emr-client-"));
  const script = `export const x = ${JSON.stringify("a".repeat(5000))};\n`;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    mkdirSync(join(clientDir, "assets"));
    writeFileSync(join(clientDir, "assets", "entry-AbC123.js"), script);
    writeFileSync(join(clientDir, "assets", "entry-AbC123.js.br"), brotliCompressSync(script));
    writeFileSync(join(clientDir, "favicon.svg"), FAVICON);
    // A relative folder, as scripts/serve.ts passes it.
    server = await startServer(0, relative(process.cwd(), clientDir));
  });
  afterAll(async () => {
    await server.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it("are served precompressed when the browser accepts it, cached for good", async () => {
    const answer = await send(server.port, "/assets/entry-AbC123.js", { headers: { "Accept-Encoding": "gzip, br" } });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers["content-type"]).toMatch(/javascript/);
    expect(answer.headers["cache-control"]).toBe(IMMUTABLE);
    expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(answer.body).toString()).toBe(script);
  });

  it("are served as they are to a browser that accepts no compression", async () => {
    const answer = await send(server.port, "/assets/entry-AbC123.js", { headers: { "Accept-Encoding": "identity" } });
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.headers["cache-control"]).toBe(IMMUTABLE);
    expect(answer.body.toString()).toBe(script);
  });

  it("serve the top-level public files for an hour, and leave every other address to the pages", async () => {
    const favicon = await send(server.port, "/favicon.svg");
    expect(favicon.status).toBe(200);
    expect(favicon.headers["cache-control"]).toBe("public, max-age=3600");
    expect(favicon.body.toString()).toBe(FAVICON);
    const reachesRoute = async (path: string) => {
      const before = server.seen.length;
      const page = await send(server.port, path);
      expect(page.headers["cache-control"], path).toBe(NO_STORE);
      expect(server.seen.length, path).toBe(before + 1);
    };
    await reachesRoute("/favicon.svg/x");
    // A page never costs a look at the disk (express.static's failed stat was 6 % of a page's CPU).
    const stat = vi.spyOn(fs, "stat");
    for (const path of ["/h/x/patients", "/healthz"]) await reachesRoute(path);
    expect(stat).not.toHaveBeenCalled();
    stat.mockRestore();
  });
});

describe("TRUST_PROXY", () => {
  it("reads a hop count or a list of proxy addresses, and refuses anything that would trust every client", () => {
    expect(parseTrustProxy(undefined)).toBe(0);
    expect(parseTrustProxy("")).toBe(0);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("10.0.0.5, 10.0.1.0/24")).toEqual(["10.0.0.5", "10.0.1.0/24"]);
    for (const bad of ["true", "yes", "*", "-1", "1000"]) expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
  });

  it("with one trusted hop, a client-written X-Forwarded-For cannot change the address routes see", async () => {
    const server = await startServer(parseTrustProxy("1"));
    try {
      // Our proxy appends the address it received the request from; whatever the client wrote comes first.
      const honest = await send(server.port, "/address", { headers: { "X-Forwarded-For": "203.0.113.9" } });
      const forged = await send(server.port, "/address", { headers: { "X-Forwarded-For": "198.51.100.66, 203.0.113.9" } });
      const twice = await send(server.port, "/address", { headers: { "X-Forwarded-For": "10.0.0.1, 198.51.100.66, 203.0.113.9" } });
      expect(honest.body.toString()).toBe("203.0.113.9");
      expect(forged.body.toString()).toBe("203.0.113.9");
      expect(twice.body.toString()).toBe("203.0.113.9");
    } finally {
      await server.close();
    }
  });

  it("with no proxy (the default), ignores X-Forwarded-For entirely", async () => {
    const server = await startServer(parseTrustProxy(undefined));
    try {
      const forged = await send(server.port, "/address", { headers: { "X-Forwarded-For": "198.51.100.66" } });
      expect(forged.body.toString()).toBe("127.0.0.1");
    } finally {
      await server.close();
    }
  });
});
