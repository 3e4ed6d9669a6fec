import { describe, expect, it } from "vitest";
import { createNonce, expectedOrigin, isOriginAllowed, securityHeaders } from "./security.server";

describe("Origin check", () => {
  const ours = "http://localhost:3000";

  it("lets reads through whatever their origin", () => {
    expect(isOriginAllowed("GET", "https://evil.example", ours)).toBe(true);
    expect(isOriginAllowed("HEAD", undefined, ours)).toBe(true);
  });

  it("accepts a change only from our own origin", () => {
    expect(isOriginAllowed("POST", ours, ours)).toBe(true);
    expect(isOriginAllowed("POST", "https://evil.example", ours)).toBe(false);
    expect(isOriginAllowed("PUT", "http://localhost:3001", ours)).toBe(false);
    expect(isOriginAllowed("DELETE", "null", ours)).toBe(false);
  });

  it("refuses a change that carries no Origin at all", () => {
    expect(isOriginAllowed("POST", undefined, ours)).toBe(false);
  });

  it("derives our origin from the request unless APP_ORIGIN pins it", () => {
    const saved = process.env.APP_ORIGIN;
    delete process.env.APP_ORIGIN;
    expect(expectedOrigin("http", "127.0.0.1:3100")).toBe("http://127.0.0.1:3100");
    process.env.APP_ORIGIN = "https://emr.example.vn";
    expect(expectedOrigin("http", "internal:3000")).toBe("https://emr.example.vn");
    if (saved === undefined) delete process.env.APP_ORIGIN;
    else process.env.APP_ORIGIN = saved;
  });
});

describe("security headers", () => {
  it("allow scripts only with this response's nonce, deny framing and sniffing", () => {
    const nonce = createNonce();
    const headers = securityHeaders(nonce, false);
    expect(headers["Content-Security-Policy"]).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["Content-Security-Policy"]).not.toContain("unsafe-inline");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
  });

  it("add HSTS in production only", () => {
    expect(securityHeaders("n", true)["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
  });

  it("use a fresh nonce each time", () => {
    expect(createNonce()).not.toBe(createNonce());
  });
});
