import { describe, expect, it } from "vitest";
import { STAFF_ROLES, TENANT_STATUSES, type StaffRole } from "~db/schema";
import { resources } from "~/i18n/resources.server";
import { ACCESS_POLICY, allows, isWritePermission, opensInAction, PERMISSIONS, permissionsOfRoles, ROLE_PERMISSIONS, type AccessPolicy, type Permission } from "./permissions";

// The door resolves a member's permissions from the hospital's roles (hospital_roles); here the default
// role table stands in for a hospital's rows.
const active = (roles: StaffRole[], table: Record<string, readonly string[]> = ROLE_PERMISSIONS) => ({
  permissions: permissionsOfRoles(roles, table),
  status: "active" as const,
});
const readOnly = (roles: StaffRole[], table: Record<string, readonly string[]> = ROLE_PERMISSIONS) => ({
  permissions: permissionsOfRoles(roles, table),
  status: "read_only" as const,
});

describe("permissions as data", () => {
  it("refuses, in a read-only hospital, a write permission added only to the tables, whatever it is called", () => {
    // Neither name ends in ":write" or ":manage": the kind in the table decides, not the spelling.
    const policy = {
      permissions: {
        ...PERMISSIONS,
        "visit:close": { kind: "write", description: "permissions.visitClose" },
        "report:print": { kind: "read", description: "permissions.reportPrint" },
      },
    } satisfies AccessPolicy<string>;
    const roles = { ...ROLE_PERMISSIONS, doctor: [...ROLE_PERMISSIONS.doctor, "visit:close", "report:print"] };

    expect(allows(policy, active(["doctor"], roles), "visit:close")).toBe(true);
    expect(allows(policy, readOnly(["doctor"], roles), "visit:close")).toBe(false);
    // Reading stays open in a read-only hospital (docs/architecture.md §6: readable, printable, exportable).
    expect(allows(policy, readOnly(["doctor"], roles), "report:print")).toBe(true);
    // Roles that do not hold it never get it.
    expect(allows(policy, active(["nurse"], roles), "visit:close")).toBe(false);
  });

  it("never grants a permission the vocabulary does not know, even if a role row holds it", () => {
    const access = { permissions: ["patient:read", "patient:delete"], status: "active" as const };
    expect(allows(ACCESS_POLICY, access, "patient:delete" as Permission)).toBe(false);
    expect(allows(ACCESS_POLICY, access, "patient:read")).toBe(true);
  });

  it("grants a hospital-defined role exactly what its row holds", () => {
    const hospitalRoles = { "bac-si-truong-khoa": ["patient:read", "visit:sign", "staff:manage"] };
    expect(allows(ACCESS_POLICY, active(["bac-si-truong-khoa"], hospitalRoles), "staff:manage")).toBe(true);
    expect(allows(ACCESS_POLICY, active(["bac-si-truong-khoa"], hospitalRoles), "patient:write")).toBe(false);
    // A code the hospital does not have grants nothing.
    expect(allows(ACCESS_POLICY, active(["admin"], hospitalRoles), "patient:read")).toBe(false);
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
      expect(allows(ACCESS_POLICY, { permissions: ROLE_PERMISSIONS.admin, status }, "patient:write"), status).toBe(live);
      expect(allows(ACCESS_POLICY, { permissions: ROLE_PERMISSIONS.admin, status }, "settings:manage"), status).toBe(live || status === "onboarding");
      expect(allows(ACCESS_POLICY, { permissions: ROLE_PERMISSIONS.admin, status }, "patient:read"), status).toBe(status !== "suspended");
    }
  });

  it("lets a read-only hospital's administrator export its data, and only that read opens data in an action", () => {
    expect(allows(ACCESS_POLICY, readOnly(["admin"]), "data:export")).toBe(true);
    expect(allows(ACCESS_POLICY, active(["doctor", "nurse", "receptionist", "lab"]), "data:export")).toBe(false);
    expect(isWritePermission("data:export")).toBe(false);
    const readsOpeningData = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => !isWritePermission(p) && opensInAction(p));
    expect(readsOpeningData).toEqual(["data:export"]);
    for (const p of Object.keys(PERMISSIONS) as Permission[]) if (isWritePermission(p)) expect(opensInAction(p), p).toBe(true);
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
