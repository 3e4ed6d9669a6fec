import { describe, expect, it } from "vitest";
import { STAFF_ROLES, TENANT_STATUSES, type StaffRole } from "~db/schema";
import { resources } from "~/i18n/resources.server";
import { ACCESS_POLICY, allows, PERMISSIONS, ROLE_PERMISSIONS, type AccessPolicy, type Permission } from "./permissions";

const active = (roles: StaffRole[]) => ({ roles, status: "active" as const });
const readOnly = (roles: StaffRole[]) => ({ roles, status: "read_only" as const });

describe("permissions as data", () => {
  it("refuses, in a read-only hospital, a write permission added only to the tables, whatever it is called", () => {
    // Neither name ends in ":write" or ":manage": the kind in the table decides, not the spelling.
    const policy = {
      permissions: {
        ...PERMISSIONS,
        "visit:close": { kind: "write", description: "permissions.visitClose" },
        "report:print": { kind: "read", description: "permissions.reportPrint" },
      },
      roles: { ...ROLE_PERMISSIONS, doctor: [...ROLE_PERMISSIONS.doctor, "visit:close", "report:print"] },
    } satisfies AccessPolicy<string>;

    expect(allows(policy, active(["doctor"]), "visit:close")).toBe(true);
    expect(allows(policy, readOnly(["doctor"]), "visit:close")).toBe(false);
    // Reading stays open in a read-only hospital (docs/architecture.md §6: readable, printable, exportable).
    expect(allows(policy, readOnly(["doctor"]), "report:print")).toBe(true);
    // Roles that do not hold it never get it.
    expect(allows(policy, active(["nurse"]), "visit:close")).toBe(false);
  });

  it("lets a read-only hospital read and refuses every write permission in today's table", () => {
    const everyRole = [...STAFF_ROLES];
    for (const [permission, definition] of Object.entries(PERMISSIONS) as [Permission, { kind: string }][]) {
      expect(allows(ACCESS_POLICY, active(everyRole), permission), permission).toBe(true);
      expect(allows(ACCESS_POLICY, readOnly(everyRole), permission), permission).toBe(definition.kind === "read");
    }
  });

  it("grants only what a role holds, and nothing to a member with no roles", () => {
    expect(allows(ACCESS_POLICY, active(["pharmacist"]), "patient:read")).toBe(true);
    expect(allows(ACCESS_POLICY, active(["pharmacist"]), "patient:write")).toBe(false);
    expect(allows(ACCESS_POLICY, active(["doctor"]), "staff:manage")).toBe(false);
    expect(allows(ACCESS_POLICY, active([]), "patient:read")).toBe(false);
  });

  it("allows clinical writes only in a live hospital, and set-up also while onboarding", () => {
    for (const status of TENANT_STATUSES) {
      const live = status === "active" || status === "trial";
      expect(allows(ACCESS_POLICY, { roles: ["admin"], status }, "patient:write"), status).toBe(live);
      expect(allows(ACCESS_POLICY, { roles: ["admin"], status }, "settings:manage"), status).toBe(live || status === "onboarding");
      expect(allows(ACCESS_POLICY, { roles: ["admin"], status }, "patient:read"), status).toBe(status !== "suspended");
    }
  });

  it("describes every permission in both languages", () => {
    for (const { description } of Object.values(PERMISSIONS)) {
      for (const language of ["vi", "en"] as const) {
        const text = description.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], resources[language].auth);
        expect(typeof text, `${language}: auth:${description}`).toBe("string");
      }
    }
  });
});
