// The role form's fields (decision 026): names in both languages, a code for a new role, and the
// permissions ticked. Messages are staff-namespace keys. Unknown permissions are refused by the domain
// function (roles.server.ts), not silently dropped here.
import { z } from "zod";
import { ROLE_CODE } from "./role-code";

const name = z.string().trim().min(1, "staff:errors.nameRequired").max(100, "staff:errors.nameTooLong");

export const roleNamesSchema = z.object({ nameVi: name, nameEn: name });

export const newRoleSchema = z.object({
  code: z.string().trim().min(1, "staff:errors.codeRequired").regex(ROLE_CODE, "staff:errors.invalidCode"),
  nameVi: name,
  nameEn: name,
});

export const ROLE_FIELDS = ["code", "nameVi", "nameEn"] as const;
export type RoleField = (typeof ROLE_FIELDS)[number];

/** The permissions ticked on the form, as sent. */
export function readPermissions(form: FormData): string[] {
  return form.getAll("permissions").filter((value): value is string => typeof value === "string");
}
