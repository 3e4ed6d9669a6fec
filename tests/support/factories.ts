// One place where tests make what they need: hospitals, staff, patients, each unique per call so that
// test files never collide on a shared database.
import { randomUUID } from "node:crypto";
import type { StaffRole } from "~db/schema";
import { systemActor } from "~db/scope.server";
import { addMembership, ensureUser } from "~/hospitals/add-staff.server";
import { createHospital } from "~/hospitals/create-hospital.server";

export const TEST_PASSWORD = "Mat-khau-thu-nghiem-1";

export function uniqueSlug(prefix = "bv"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createTestHospital(name = "Bệnh viện thử nghiệm") {
  return createHospital({
    slug: uniqueSlug(),
    name,
    departments: [
      { code: "KB", name: "Khoa Khám bệnh" },
      { code: "NOI", name: "Khoa Nội" },
    ],
  });
}

export async function createTestStaff(tenantId: string, roles: StaffRole[] = ["doctor"]) {
  const user = await ensureUser({
    email: `${uniqueSlug("nv")}@example.test`,
    displayName: "Bác sĩ Thử Nghiệm",
    password: TEST_PASSWORD,
  });
  await addMembership(tenantId, user.id, roles, systemActor("tests"));
  return user;
}
