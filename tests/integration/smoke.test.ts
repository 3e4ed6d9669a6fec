import { describe, expect, it } from "vitest";
import { patients } from "~db/schema";
import { systemActor, withTenant } from "~db/scope.server";
import { createTestHospital } from "../support/factories";

describe("test database", () => {
  it("is migrated and reachable through withTenant", async () => {
    const hospital = await createTestHospital();
    const rows = await withTenant(hospital.id, systemActor("test"), (t) => t.db.select().from(patients));
    expect(rows).toEqual([]);
  });
});
