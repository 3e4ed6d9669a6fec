import { departments, tenants } from "~db/schema";
import { systemActor, withPlatform, withTenant } from "~db/scope.server";
import type { RoleDefinition } from "~/staff/default-roles";
import { installDefaultRoles, upsertRoles } from "~/staff/roles.server";

export type NewHospital = {
  slug: string;
  name: string;
  departments?: { code: string; name: string }[];
  /** The hospital's roles (from a template); without them it gets the default role set (decision 038). */
  roles?: readonly RoleDefinition[];
};

export type Hospital = { id: string; slug: string; name: string };

/** Registers a hospital (a tenant), its roles and its first departments. */
export async function createHospital(input: NewHospital): Promise<Hospital> {
  const hospital = await withPlatform("register a hospital", async (p) => {
    const [row] = await p.db
      .insert(tenants)
      .values({ slug: input.slug, name: input.name })
      .returning({ id: tenants.id, slug: tenants.slug, name: tenants.name });
    return row!;
  });
  await withTenant(hospital.id, systemActor("create-hospital"), async (t) => {
    if (input.roles) await upsertRoles(t, input.roles);
    else await installDefaultRoles(t);
    if (input.departments?.length) {
      await t.db.insert(departments).values(input.departments.map((d) => ({ tenantId: t.tenantId, ...d })));
    }
  });
  return hospital;
}
