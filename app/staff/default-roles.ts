// The default role set as rows (decision 038): what installDefaultRoles() writes into a hospital that has
// no template, and what the demo hospitals get. Names are the hospital's data once installed (it may
// rename them), so they live here, not in the locale files. Permissions come from ROLE_PERMISSIONS.
import { STAFF_ROLES, type DefaultStaffRole } from "~db/schema";
import { ROLE_PERMISSIONS } from "~/auth/permissions";

/** A role as templates and the role editor describe it. */
export type RoleDefinition = { code: string; nameVi: string; nameEn: string; permissions: readonly string[] };

const NAMES: Record<DefaultStaffRole, { nameVi: string; nameEn: string }> = {
  admin: { nameVi: "Quản trị viên", nameEn: "Administrator" },
  doctor: { nameVi: "Bác sĩ", nameEn: "Doctor" },
  nurse: { nameVi: "Điều dưỡng", nameEn: "Nurse" },
  receptionist: { nameVi: "Tiếp đón", nameEn: "Receptionist" },
  pharmacist: { nameVi: "Dược sĩ", nameEn: "Pharmacist" },
  cashier: { nameVi: "Thu ngân", nameEn: "Cashier" },
  lab: { nameVi: "Xét nghiệm", nameEn: "Laboratory" },
  imaging: { nameVi: "Chẩn đoán hình ảnh", nameEn: "Imaging" },
};

export const DEFAULT_ROLES: readonly RoleDefinition[] = STAFF_ROLES.map((code) => ({
  code,
  ...NAMES[code],
  permissions: ROLE_PERMISSIONS[code],
}));
