// The optimistic-concurrency helper on a table other than patients, to show it is generic.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { departments } from "~db/schema";
import { systemActor, withTenant } from "~db/scope.server";
import { createTestHospital } from "../../tests/support/factories";
import {
  conflictResponse,
  HTTP_CONFLICT,
  isStaleWriteError,
  parseExpectedVersion,
  StaleWriteError,
  updateVersioned,
} from "./concurrency.server";

const actor = systemActor("tests");
let hospitalId: string;
let otherHospitalId: string;

async function departmentId(tenantId: string, code: string) {
  return withTenant(tenantId, actor, async (t) => {
    const [row] = await t.db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.tenantId, t.tenantId), eq(departments.code, code)));
    return row!.id;
  });
}

beforeAll(async () => {
  hospitalId = (await createTestHospital()).id;
  otherHospitalId = (await createTestHospital()).id;
});

describe("updateVersioned", () => {
  it("updates a row at the expected version and bumps the version", async () => {
    const id = await departmentId(hospitalId, "KB");
    const row = await withTenant(hospitalId, actor, (t) => updateVersioned(t, departments, id, 1, { name: "Khoa Khám bệnh A" }));
    expect(row).toMatchObject({ id, name: "Khoa Khám bệnh A", version: 2 });
  });

  it("throws StaleWriteError for an old version and writes nothing", async () => {
    const id = await departmentId(hospitalId, "NOI");
    await withTenant(hospitalId, actor, (t) => updateVersioned(t, departments, id, 1, { name: "Khoa Nội tổng hợp" }));
    const error = await withTenant(hospitalId, actor, (t) =>
      updateVersioned(t, departments, id, 1, { name: "Khoa Nội cũ" }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleWriteError);
    expect(isStaleWriteError(error) && error.conflict).toEqual({
      entityType: "departments",
      entityId: id,
      expectedVersion: 1,
      currentVersion: 2,
    });
    const [row] = await withTenant(hospitalId, actor, (t) => t.db.select().from(departments).where(eq(departments.id, id)));
    expect(row).toMatchObject({ name: "Khoa Nội tổng hợp", version: 2 });
  });

  it("returns null for a row of another hospital, an unknown id or a malformed id", async () => {
    const foreign = await departmentId(otherHospitalId, "KB");
    await withTenant(hospitalId, actor, async (t) => {
      expect(await updateVersioned(t, departments, foreign, 1, { name: "x" })).toBeNull();
      expect(await updateVersioned(t, departments, "00000000-0000-0000-0000-000000000000", 1, { name: "x" })).toBeNull();
      expect(await updateVersioned(t, departments, "1 or 1=1", 1, { name: "x" })).toBeNull();
    });
    const [row] = await withTenant(otherHospitalId, actor, (t) => t.db.select().from(departments).where(eq(departments.id, foreign)));
    expect(row).toMatchObject({ name: "Khoa Khám bệnh", version: 1 });
  });

  it("lets exactly one of two concurrent edits of the same version win", async () => {
    const hospital = await createTestHospital();
    const id = await departmentId(hospital.id, "KB");
    const results = await Promise.allSettled(
      ["Phòng khám 1", "Phòng khám 2"].map((name) =>
        withTenant(hospital.id, actor, (t) => updateVersioned(t, departments, id, 1, { name })),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(isStaleWriteError((rejected[0] as PromiseRejectedResult).reason)).toBe(true);
  });
});

describe("parseExpectedVersion", () => {
  it("takes a positive whole number and nothing else", () => {
    expect(parseExpectedVersion("3")).toBe(3);
    expect(parseExpectedVersion(" 12 ")).toBe(12);
    for (const bad of [null, undefined, "", "0", "-1", "1.5", "abc", "1e3", "99999999999"]) {
      expect(parseExpectedVersion(bad), String(bad)).toBeNull();
    }
  });
});

describe("conflictResponse", () => {
  it("answers 409 with the payload and the versions", () => {
    const error = new StaleWriteError({ entityType: "patients", entityId: "p1", expectedVersion: 1, currentVersion: 3 });
    const response = conflictResponse(error, { values: { fullName: "Lê Văn Tám" } });
    expect(response.init?.status).toBe(HTTP_CONFLICT);
    expect(response.data).toEqual({
      values: { fullName: "Lê Văn Tám" },
      conflict: { entityType: "patients", entityId: "p1", expectedVersion: 1, currentVersion: 3 },
    });
  });
});
