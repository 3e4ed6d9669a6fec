import { afterEach, describe, expect, it, vi } from "vitest";
import { logError, routeForLog } from "./log.server";

describe("request log route", () => {
  it("folds identifiers and never carries a query string", () => {
    expect(routeForLog("/h/bv-tam-nong/patients/0b6f8a52-4c1e-4a5e-9f3e-2b1c0d9e8f7a")).toBe("/h/bv-tam-nong/patients/:id");
    expect(routeForLog("/h/bv-tam-nong/patients/26000123")).toBe("/h/bv-tam-nong/patients/:id");
    expect(routeForLog("/h/bv-tam-nong/patients")).toBe("/h/bv-tam-nong/patients");
    expect(routeForLog("/h/bv-tam-nong/patients/0b6f8a52-4c1e-4a5e-9f3e-2b1c0d9e8f7a.data")).toBe("/h/bv-tam-nong/patients/:id.data");
    expect(routeForLog("/h/bv-2024/patients")).toBe("/h/bv-2024/patients");
  });
});

describe("error log", () => {
  afterEach(() => vi.restoreAllMocks());

  it("records the kind, database code and stack but not the message, which may quote patient data", () => {
    const writes: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    const error = new Error("Failed query: insert ... params: Nguyễn Văn An,0912345678", {
      cause: { code: "23505", constraint_name: "patients_tenant_mrn_key", detail: "Key (mrn)=(26000001) already exists." },
    });
    logError(error, { where: "test" });
    expect(writes).toHaveLength(1);
    const record = JSON.parse(writes[0]!);
    expect(record).toMatchObject({ level: "error", dbCode: "23505", dbConstraint: "patients_tenant_mrn_key", errorName: "Error" });
    expect(writes[0]).not.toContain("Nguyễn");
    expect(writes[0]).not.toContain("0912345678");
    expect(writes[0]).not.toContain("26000001");
  });

  it("ignores thrown responses, which are answers rather than failures", () => {
    const spy = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    logError(new Response(null, { status: 404 }));
    expect(spy).not.toHaveBeenCalled();
  });
});
