import { departments, tenants } from "~db/schema";
import { systemActor, withPlatform, withTenant } from "~db/scope.server";

export type NewHospital = {
  slug: string;
  name: string;
  departments?: { code: string; name: string }[];
};

export type Hospital = { id: string; slug: string; name: string };

/** Registers a hospital (a tenant) and its first departments. */
export async function createHospital(input: NewHospital): Promise<Hospital> {
  const hospital = await withPlatform("register a hospital", async (p) => {
    const [row] = await p.db
      .insert(tenants)
      .values({ slug: input.slug, name: input.name })
      .returning({ id: tenants.id, slug: tenants.slug, name: tenants.name });
    return row!;
  });
  if (input.departments?.length) {
    await withTenant(hospital.id, systemActor("create-hospital"), (t) =>
      t.db.insert(departments).values(input.departments!.map((d) => ({ tenantId: t.tenantId, ...d }))),
    );
  }
  return hospital;
}
