// Demo data for trying the product and for end-to-end tests: two hospitals with departments, the
// district hospital template (rooms, beds, services, formulary, note forms), staff accounts and ~300
// patients each. Idempotent: a hospital whose slug exists is reused, staff accounts
// and memberships are ensured, and patients are added only to a hospital that has none.
// Everything goes through the same domain functions the application uses (withTenant, registerPatient).
import { and, eq, isNull } from "drizzle-orm";
import { ensureDemoVisits } from "./demo-visits";
import { patients, tenants, type StaffRole } from "~db/schema";
import { systemActor, withPlatform, withTenant } from "~db/scope.server";
import { ensureUser } from "~/auth/ensure-user.server";
import { ensureDemoPlatformOwner } from "~/auth/platform-staff.server";
import { addMembership } from "~/hospitals/add-staff.server";
import { createHospital, type Hospital } from "~/hospitals/create-hospital.server";
import { registerPatient } from "~/patients/register-patient.server";
import { ensureDemoVisit } from "./demo-orders";
import { DEMO_LAB_STAFF, DEMO_ORDER_PATIENT } from "./demo-orders-data";
import { installDefaultRoles } from "~/staff/roles.server";
import { applyTemplate } from "~/templates/apply-template.server";
import { DISTRICT_TEMPLATE } from "~/templates/registry.server";
import { DEMO_HOSPITALS, DEMO_PASSWORD, DEMO_PLATFORM_OWNER, DEMO_SHARED_STAFF, type DemoHospital, type DemoStaff } from "./demo-hospitals";
import { demoPlaceOf, withDemoDetails } from "./demo-patient-details.server";
import { generateDemoPatients } from "./generate-demo-patients";

export type DemoLogin = { hospital: string; role: StaffRole; email: string; password: string };

export type DemoSeedReport = {
  hospitals: (Hospital & { created: boolean; patientsAdded: number })[];
  logins: DemoLogin[];
  /** The console's demo owner (/admin/sign-in), with its published TOTP secret. */
  platformOwner: { email: string; password: string; totpSecret: string };
};

const actor = systemActor("seed-demo");

/** Finds a hospital by slug without asking whether anyone belongs to it: for the system, never a person. */
async function unsafeFindHospitalBySlug(slug: string): Promise<Hospital | null> {
  return withPlatform("demo seed: look up a demo hospital by slug", async (p) => {
    const [row] = await p.db
      .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
      .from(tenants)
      .where(eq(tenants.slug, slug));
    return row ?? null;
  });
}

async function ensureStaff(hospitalId: string, staff: DemoStaff): Promise<void> {
  const user = await ensureUser({ email: staff.email, displayName: staff.displayName, password: DEMO_PASSWORD, locale: "vi" });
  await addMembership(hospitalId, user.id, [staff.role], actor);
}

/** Registers the demo patients in one transaction, unless the hospital already has patients. */
async function ensurePatients(hospitalId: string, demo: DemoHospital): Promise<number> {
  return withTenant(hospitalId, actor, async (t) => {
    const [existing] = await t.db
      .select({ id: patients.id })
      .from(patients)
      .where(eq(patients.tenantId, t.tenantId))
      .limit(1);
    if (existing) return 0;
    const list = withDemoDetails(demo.slug, generateDemoPatients(demo));
    for (const patient of list) await registerPatient(t, patient);
    return list.length;
  });
}

export async function seedDemo(): Promise<DemoSeedReport> {
  await ensureDemoPlatformOwner({ ...DEMO_PLATFORM_OWNER, password: DEMO_PASSWORD });
  const report: DemoSeedReport = {
    hospitals: [],
    logins: [],
    platformOwner: { email: DEMO_PLATFORM_OWNER.email, password: DEMO_PASSWORD, totpSecret: DEMO_PLATFORM_OWNER.totpSecret },
  };
  const ids = new Map<string, string>();
  for (const demo of DEMO_HOSPITALS) {
    // Unsafe on purpose: the seed acts as the system and makes the memberships itself.
    const existing = await unsafeFindHospitalBySlug(demo.slug);
    const hospital = existing ?? (await createHospital({ slug: demo.slug, name: demo.name, departments: demo.departments }));
    ids.set(demo.slug, hospital.id);
    // The registry's facts a signed-up hospital has (province, facility code), where still missing.
    const place = demoPlaceOf(demo.slug);
    if (place) {
      await withPlatform("demo: a demo hospital's province and facility code", (p) =>
        p.db.update(tenants).set(place).where(and(eq(tenants.id, hospital.id), isNull(tenants.provinceCode))),
      );
    }
    // A demo hospital made before roles were data, or by an older seed, gets any default role it lacks.
    if (existing) await withTenant(hospital.id, actor, installDefaultRoles);
    // Rooms, services, formulary and forms that the other features' demo data uses (idempotent).
    await withTenant(hospital.id, actor, (t) => applyTemplate(t, DISTRICT_TEMPLATE));
    for (const staff of demo.staff) {
      await ensureStaff(hospital.id, staff);
      report.logins.push({ hospital: demo.slug, role: staff.role, email: staff.email, password: DEMO_PASSWORD });
    }
    const patientsAdded = await ensurePatients(hospital.id, demo);
    // Orders and prescriptions (app/demo/demo-orders.ts): a lab account, the catalog, a visit today.
    const lab = DEMO_LAB_STAFF[demo.slug];
    if (lab) {
      await ensureStaff(hospital.id, lab);
      report.logins.push({ hospital: demo.slug, role: lab.role, email: lab.email, password: DEMO_PASSWORD });
    }
    const orderPatient = DEMO_ORDER_PATIENT[demo.slug];
    if (orderPatient) await withTenant(hospital.id, actor, (t) => ensureDemoVisit(t, demo.slug, orderPatient));
    await withTenant(hospital.id, actor, (t) => ensureDemoVisits(t));
    report.hospitals.push({ ...hospital, created: !existing, patientsAdded });
  }
  for (const slug of DEMO_SHARED_STAFF.hospitals) {
    await ensureStaff(ids.get(slug)!, DEMO_SHARED_STAFF);
  }
  report.logins.push({
    hospital: DEMO_SHARED_STAFF.hospitals.join(" + "),
    role: DEMO_SHARED_STAFF.role,
    email: DEMO_SHARED_STAFF.email,
    password: DEMO_PASSWORD,
  });
  return report;
}
