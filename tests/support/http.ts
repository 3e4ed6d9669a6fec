// Calling loaders and actions the way the server would: real Request objects, the load context that
// scripts/serve.ts builds, and an answer read back the same whether it was returned or thrown.
// (The Remix server build is not available under vitest; the browser tests cover the components.)
import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";

export const ORIGIN = "http://localhost";

export function fakeContext(clientAddress = `10.${randomUUID().slice(0, 8)}`): AppLoadContext {
  return { requestId: randomUUID(), cspNonce: "x", log: {}, clientAddress };
}

export function get(path: string, cookie?: string): Request {
  return new Request(ORIGIN + path, { headers: cookie ? { Cookie: cookie } : {} });
}

export function post(path: string, fields: Record<string, string>, cookie?: string): Request {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN };
  if (cookie) headers.Cookie = cookie;
  return new Request(ORIGIN + path, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
}

// Tests read route data loosely.
export type Outcome = { status: number; headers: Headers; data: any; response?: Response };

/** A loader's or action's answer, whether it was returned or thrown, as status, headers and data. */
export async function settle(run: () => unknown): Promise<Outcome> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, headers: value.headers, data: null, response: value };
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, headers: new Headers(init?.headers), data };
  }
  if (value instanceof Error) throw value;
  return { status: 200, headers: new Headers(), data: value };
}
