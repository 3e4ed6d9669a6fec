// Where to send a person after sign-in or a language switch. The target comes from the URL or a form,
// so an attacker can write it: only a path on this site is accepted, never another origin (an "open
// redirect" would let a phishing link pass through our sign-in page).

const BASE = "http://emr.invalid";

/** `to` if it is a same-site path ("/h/bv-x/patients?q=a"), else `fallback`. */
export function safeRedirectPath(to: unknown, fallback = "/h"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  // One leading slash only: "//evil.test" and "/\evil.test" are other origins to a browser.
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines inside URLs and read backslashes as slashes: refuse them outright.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // Judge what we would send, not what came in: "/.//evil.test", "/a/..//x" and "/%2e//x" all resolve
  // to a path starting "//", which a browser reads as another origin.
  const resolved = url.pathname + url.search + url.hash;
  if (resolved.startsWith("//")) return fallback;
  return resolved;
}

/** The path of a request, for `redirectTo`: what the person was trying to open. */
export function requestPath(request: Request): string {
  const url = new URL(request.url);
  // Remix's own data-request parameters are not part of the page's address.
  url.searchParams.delete("_routes");
  url.searchParams.delete("index");
  return url.pathname + url.search;
}
