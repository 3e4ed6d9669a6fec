// The wizard's state and its own steps' writes (profile, go-live), in the hospital's transaction.
import { and, count, eq, sql } from "drizzle-orm";
import { departments, hospitalProfiles, type HospitalKind, invitations, memberships, services } from "~db/schema";
import { rowsOf, type TenantTx } from "~db/scope.server";
import { updateVersioned } from "~/lib/concurrency.server";
import { getAppliedTemplate } from "~/templates/apply-template.server";
import type { SetupStep } from "./steps";

export type HospitalProfile = typeof hospitalProfiles.$inferSelect;

/** The hospital's profile row; created with the hospital at sign-up, or here for a hospital made otherwise. */
export async function getHospitalProfile(t: TenantTx): Promise<HospitalProfile> {
  const [row] = await t.db.select().from(hospitalProfiles).where(eq(hospitalProfiles.tenantId, t.tenantId));
  if (row) return row;
  await t.db.insert(hospitalProfiles).values({ tenantId: t.tenantId }).onConflictDoNothing();
  const [created] = await t.db.select().from(hospitalProfiles).where(eq(hospitalProfiles.tenantId, t.tenantId));
  return created!;
}

/** Records that a step is finished (idempotent). */
export async function markStepDone(t: TenantTx, step: SetupStep): Promise<void> {
  const profile = await getHospitalProfile(t);
  if (profile.completedSteps.includes(step)) return;
  await t.db
    .update(hospitalProfiles)
    .set({ completedSteps: sql`array_append(${hospitalProfiles.completedSteps}, ${step}::text)` })
    .where(and(eq(hospitalProfiles.tenantId, t.tenantId), eq(hospitalProfiles.id, profile.id)));
}

export type ProfileInput = { kind: HospitalKind; bedCount: number; phone: string | null; address: string | null };

/** Saves step 1 under optimistic concurrency (StaleWriteError when someone saved first), and marks it done. */
export async function saveHospitalProfile(t: TenantTx, expectedVersion: number, input: ProfileInput): Promise<void> {
  const profile = await getHospitalProfile(t);
  await updateVersioned(t, hospitalProfiles, profile.id, expectedVersion, {
    kind: input.kind,
    bedCount: input.bedCount,
    phone: input.phone,
    address: input.address,
    completedSteps: profile.completedSteps.includes("profile")
      ? profile.completedSteps
      : [...profile.completedSteps, "profile"],
  });
}

export type Readiness = {
  profile: boolean;
  template: boolean;
  departments: boolean;
  staff: boolean;
  services: boolean;
};

/** The review's checklist (the e-mail's verification is the platform's: isHospitalVerified). */
export async function readReadiness(t: TenantTx): Promise<Readiness> {
  const profile = await getHospitalProfile(t);
  const [deps] = await t.db.select({ n: count() }).from(departments).where(eq(departments.tenantId, t.tenantId));
  const [invited] = await t.db.select({ n: count() }).from(invitations).where(eq(invitations.tenantId, t.tenantId));
  const [members] = await t.db.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, t.tenantId));
  const [svc] = await t.db.select({ n: count() }).from(services).where(and(eq(services.tenantId, t.tenantId), eq(services.active, true)));
  return {
    profile: profile.kind !== null,
    // The template capability keeps what was applied (app/templates/apply-template.server.ts).
    template: profile.templateAppliedAt !== null || (await getAppliedTemplate(t)) !== null,
    departments: (deps?.n ?? 0) > 0,
    staff: (invited?.n ?? 0) > 0 || (members?.n ?? 0) > 1,
    // Prefilled by the template, or added by hand or by CSV: ready once the hospital has any.
    services: profile.completedSteps.includes("services") || (svc?.n ?? 0) > 0,
  };
}

export type GoLiveResult = "ok" | "unverified" | "not-onboarding";

/**
 * Onboarding -> active, in this transaction: go_live() (SECURITY DEFINER, migration s-custom, decision
 * 034) changes only this tenant's registry row and only from onboarding, once verified; the profile
 * records when.
 */
export async function goLive(t: TenantTx): Promise<GoLiveResult> {
  const [row] = rowsOf<{ result: GoLiveResult }>(await t.db.execute(sql`select go_live() as result`));
  const result = row!.result;
  if (result !== "ok") return result;
  const profile = await getHospitalProfile(t);
  await t.db
    .update(hospitalProfiles)
    .set({
      liveAt: sql`now()`,
      completedSteps: profile.completedSteps.includes("review") ? profile.completedSteps : [...profile.completedSteps, "review"],
    })
    .where(and(eq(hospitalProfiles.tenantId, t.tenantId), eq(hospitalProfiles.id, profile.id)));
  return "ok";
}
