// HTTP-level protections applied to every response and request by scripts/serve.ts.
import { randomBytes } from "node:crypto";

export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/** Security headers for every response. Scripts run only with this response's nonce. */
export function securityHeaders(nonce: string, production: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on form posts,
    // which the Origin check below would refuse. Nothing leaves the site either way.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  if (production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every request that changes something must carry an Origin equal to ours (docs/architecture.md §5): a form on
 * another site cannot post into a signed-in clinician's session. A missing Origin is refused too.
 */
export function isOriginAllowed(method: string, origin: string | undefined, expectedOrigin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  return origin !== undefined && origin === expectedOrigin;
}

/** Our own origin: APP_ORIGIN in production (behind a proxy), else what the request was addressed to. */
export function expectedOrigin(protocol: string, host: string | undefined): string {
  return process.env.APP_ORIGIN ?? `${protocol}://${host ?? "localhost"}`;
}
