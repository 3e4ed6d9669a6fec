// A template's staff roles. Hospital-defined roles (decision 018) live in their own tables, built
// alongside this work; until they are wired in, installing a template's roles only checks them: every
// permission must be one the code knows (app/auth/permissions.ts), so a template can never grant
// something that does not exist. At merge this calls upsertRoles(tx, roles) of the roles capability.
import type { TenantTx } from "~db/scope.server";
import { PERMISSIONS } from "~/auth/permissions";
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

/** Checks the roles' permissions; throws UnknownPermissionError (the caller's transaction rolls back). */
export async function installTemplateRoles(_t: TenantTx, roles: readonly TemplateRole[]): Promise<void> {
  for (const role of roles) {
    for (const permission of role.permissions) {
      if (!(permission in PERMISSIONS)) throw new UnknownPermissionError(role.code, permission);
    }
  }
}
