// One place where tests make what they need: hospitals, staff, patients, each unique per call so that
// test files never collide on a shared database.
import { randomUUID } from "node:crypto";
import { rooms, type Payer, type RoomKind, type StaffRole } from "~db/schema";
import { systemActor, withTenant } from "~db/scope.server";
import { ensureUser } from "~/auth/ensure-user.server";
import { addMembership } from "~/hospitals/add-staff.server";
import { createHospital } from "~/hospitals/create-hospital.server";
import type { PatientInput } from "~/patients/patient-input";
import { registerPatient } from "~/patients/register-patient.server";
import type { RoleDefinition } from "~/staff/default-roles";
import { startVisit } from "~/reception/visits.server";

export const TEST_PASSWORD = "Mat-khau-thu-nghiem-1";

export function uniqueSlug(prefix = "bv"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * A hospital with two departments and the default roles (decision 038), or the `roles` given (`[]` for
 * none: a test that counts audit entries may not want the roles' inserts).
 */
export async function createTestHospital(name = "Bệnh viện thử nghiệm", options: { roles?: readonly RoleDefinition[] } = {}) {
  return createHospital({
    slug: uniqueSlug(),
    name,
    roles: options.roles,
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

/** A patient registered through the domain function, as reception would. */
export async function createTestPatient(tenantId: string, overrides: Partial<PatientInput> = {}) {
  return withTenant(tenantId, systemActor("tests"), (t) =>
    registerPatient(t, { fullName: "Nguyễn Văn An", birthDate: "1980-03-05", sex: "male", phone: null, ...overrides }),
  );
}

/** A clinic room (reception queues visits per room and day). */
export async function createTestRoom(tenantId: string, overrides: { code?: string; name?: string; kind?: RoomKind; active?: boolean } = {}) {
  return withTenant(tenantId, systemActor("tests"), async (t) => {
    const [room] = await t.db
      .insert(rooms)
      .values({ tenantId: t.tenantId, code: overrides.code ?? uniqueSlug("PK"), name: overrides.name ?? "Phòng khám Nội", kind: overrides.kind ?? "clinic", active: overrides.active ?? true })
      .returning({ id: rooms.id, code: rooms.code, name: rooms.name });
    return room!;
  });
}

/** A visit started at reception, through the domain function. */
export async function createTestVisit(tenantId: string, patientId: string, roomId: string, payer: Payer = "self_pay") {
  const result = await withTenant(tenantId, systemActor("tests"), (t) => startVisit(t, { patientId, roomId, payer }));
  if (!result.ok) throw new Error(`createTestVisit: ${result.problem}`);
  return result.visit;
}
