// A template's staff roles, installed as the hospital's own roles (decisions 018, 038): every permission
// must be one the code knows (app/auth/permissions.ts), so a template can never grant something that
// does not exist.
import type { TenantTx } from "~db/scope.server";
import { PERMISSIONS } from "~/auth/permissions";
import { listRoles, upsertRoles } from "~/staff/roles.server";
import type { Template } from "./template-schema";

export type TemplateRole = { code: string; nameVi: string; nameEn: string; permissions: string[] };

export class UnknownPermissionError extends Error {
  constructor(role: string, permission: string) {
    super(`template role ${role} holds an unknown permission: ${permission}`);
    this.name = "UnknownPermissionError";
  }
}

export function templateRoles(template: Pick<Template, "roles">): TemplateRole[] {
  return template.roles.map((r) => ({ code: r.code, nameVi: r.name.vi, nameEn: r.name.en, permissions: [...r.permissions] }));
}

/**
 * Checks the roles' permissions (throws UnknownPermissionError; the caller's transaction rolls back), then
 * adds the roles the hospital does not have yet. A role it has, even one it edited or deactivated, is
 * left as it is: applying a template again never overwrites the hospital's own copy (decision 040).
 */
export async function installTemplateRoles(t: TenantTx, roles: readonly TemplateRole[]): Promise<void> {
  for (const role of roles) {
    for (const permission of role.permissions) {
      if (!(permission in PERMISSIONS)) throw new UnknownPermissionError(role.code, permission);
    }
  }
  const existing = new Set((await listRoles(t)).map((role) => role.code));
  await upsertRoles(t, roles.filter((role) => !existing.has(role.code)));
}
