import { describe, expect, it } from "vitest";
import { requestPath, safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeRedirectPath("/h/bv-a/patients?q=Nguy%E1%BB%85n")).toBe("/h/bv-a/patients?q=Nguy%E1%BB%85n");
    expect(safeRedirectPath("/")).toBe("/");
  });

  it.each([
    ["//evil.test/x"],
    ["/\\evil.test"],
    ["https://evil.test/"],
    ["http:/evil.test"],
    ["javascript:alert(1)"],
    ["evil.test"],
    ["/\t/evil.test"],
    ["/\n/evil.test"],
    ["/x\\..\\..\\evil"],
    [""],
    [null],
    [undefined],
    [42],
    [`/${"a".repeat(3000)}`],
    ["/.//evil.test"],
    ["/a/..//evil.test"],
    ["/%2e//evil.test"],
    ["/%2E//evil.test"],
    ["/././/evil.test/x?y#z"],
  ])("refuses %j and falls back", (to) => {
    expect(safeRedirectPath(to, "/fallback")).toBe("/fallback");
  });

  it("never resolves to a path a browser reads as another origin", () => {
    for (const to of ["/.//evil.test", "/a/..//evil.test", "/%2e//evil.test", "/a/b/../..//evil.test"]) {
      expect(safeRedirectPath(to, "/fallback").startsWith("//")).toBe(false);
    }
  });

  it("falls back to /h by default", () => {
    expect(safeRedirectPath("//evil.test")).toBe("/h");
  });
});

describe("requestPath", () => {
  it("keeps the page's path and query, without Remix's data-request parameters", () => {
    expect(requestPath(new Request("http://localhost/h/bv-a/patients?q=an&_routes=root,x&index"))).toBe("/h/bv-a/patients?q=an");
  });
});
