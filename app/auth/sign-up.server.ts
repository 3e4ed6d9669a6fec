// Public sign-up (issue 7; docs/decisions/031-one-transaction-sign-up.md): a hospital, its first
// administrator and their membership, created in ONE transaction that crosses three scopes: the identity
// scope (throttle, the person and their password hash), then the platform scope (the tenant, the
// verification link and its e-mail in the outbox), then the new hospital's tenant scope (the admin
// membership and the wizard's profile row). Any failure leaves nothing behind. The session is created
// after the commit.
import { and, eq, gt, like, or, sql } from "drizzle-orm";
import { installDefaultRoles } from "~/staff/roles.server";
import { emailVerifications, hospitalProfiles, memberships, signUpAttempts, tenants, userCredentials, users } from "~db/schema";
import { withIdentity, withPlatform } from "~db/scope.server";
import type { Language } from "~/i18n/config";
import { composeMail, queueMail } from "~/mail/outbox.server";
import { generateLinkToken, hashLinkToken } from "~/mail/token.server";
import { isProvince, isWardOf } from "~/signup/admin-units.server";
import type { SignUpField, SignUpInput } from "~/signup/sign-up-input";
import { firstFreeSlug, slugFromName } from "~/signup/slug";
import { hashPassword } from "./password.server";
import { createUserSession } from "./session.server";
import { normalizeEmail } from "./sign-in-throttle.server";

export const SIGN_UP_WINDOW_MS = 60 * 60_000;
/** Sign-up submissions one address may make per hour. */
export const MAX_SIGN_UPS_PER_ADDRESS = 10;
export const VERIFICATION_TTL_MS = 24 * 60 * 60_000;

export type SignUpContext = { address: string; locale: Language; origin: string; now?: Date };

export type SignUpResult =
  | { ok: true; hospital: { id: string; slug: string; name: string }; userId: string; token: string }
  | { ok: false; reason: "invalid"; errors: Partial<Record<SignUpField, string>> }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

class FacilityCodeTaken extends Error {}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const c = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (c.code === "23505" && (c.constraint_name === constraint || c.constraint === constraint)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function verificationLink(origin: string, token: string): string {
  return `${origin}/verify/${token}`;
}

export async function signUpHospital(input: SignUpInput, context: SignUpContext): Promise<SignUpResult> {
  const now = context.now ?? new Date();
  const email = normalizeEmail(input.email);
  const errors: Partial<Record<SignUpField, string>> = {};
  if (!isProvince(input.province)) errors.province = "form.errors.provinceUnknown";
  else if (!isWardOf(input.ward, input.province)) errors.ward = "form.errors.wardUnknown";
  // Checked again by the unique key inside the transaction; asked first so that every taken field is
  // reported at once.
  const facilityTaken = await withPlatform("check a facility code at sign-up", async (p) => {
    const [row] = await p.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.facilityCode, input.facilityCode));
    return Boolean(row);
  });
  if (facilityTaken) errors.facilityCode = "form.errors.facilityCodeTaken";
  // Hashed before the transaction: it is deliberately slow, and no transaction waits on it.
  const passwordHash = await hashPassword(input.password);
  const token = generateLinkToken();
  const mail = await composeMail(context.locale, "verify", {
    name: input.adminName,
    hospital: input.hospitalName,
    link: verificationLink(context.origin, token),
  });

  let result: SignUpResult;
  try {
    result = await withIdentity("sign up a hospital and its first administrator", async (i) => {
      // The throttle (as sign-in's, app/auth/sign-in-throttle.server.ts): submissions from one address
      // queue on its lock, count the hour's attempts, and record their own.
      await i.db.execute(sql`select pg_advisory_xact_lock(3, hashtext(${context.address}))`);
      const [{ count, oldest } = { count: 0, oldest: null }] = await i.db
        .select({ count: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(${signUpAttempts.at})` })
        .from(signUpAttempts)
        .where(and(eq(signUpAttempts.address, context.address), gt(signUpAttempts.at, new Date(now.getTime() - SIGN_UP_WINDOW_MS))));
      if (count >= MAX_SIGN_UPS_PER_ADDRESS) {
        const end = new Date(oldest ?? now).getTime() + SIGN_UP_WINDOW_MS;
        return { ok: false as const, reason: "throttled" as const, retryAfterMinutes: Math.max(1, Math.ceil((end - now.getTime()) / 60_000)) };
      }
      await i.db.insert(signUpAttempts).values({ address: context.address, at: now });

      const [existing] = await i.db.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (existing) errors.email = "form.errors.emailTaken";
      if (Object.keys(errors).length > 0) return { ok: false as const, reason: "invalid" as const, errors };

      const [user] = await i.db
        .insert(users)
        .values({ email, displayName: input.adminName, locale: context.locale })
        .returning({ id: users.id });
      await i.db.insert(userCredentials).values({ userId: user!.id, passwordHash });

      return i.continueAsPlatform("register a signed-up hospital", async (p) => {
        // One slug at a time per name: two sign-ups of the same name get -2 and -3, not a conflict.
        const base = slugFromName(input.hospitalName);
        await p.db.execute(sql`select pg_advisory_xact_lock(4, hashtext(${base}))`);
        const taken = await p.db
          .select({ slug: tenants.slug })
          .from(tenants)
          .where(or(eq(tenants.slug, base), like(tenants.slug, `${base}-%`)));
        const slug = firstFreeSlug(base, new Set(taken.map((r) => r.slug)));
        let hospital: { id: string; slug: string; name: string };
        try {
          [hospital] = (await p.db
            .insert(tenants)
            .values({
              slug,
              name: input.hospitalName,
              status: "onboarding",
              facilityCode: input.facilityCode,
              provinceCode: input.province,
              wardCode: input.ward,
            })
            .returning({ id: tenants.id, slug: tenants.slug, name: tenants.name })) as [typeof hospital];
        } catch (error) {
          if (isUniqueViolation(error, "tenants_facility_code_unique")) throw new FacilityCodeTaken();
          throw error;
        }
        await p.db.insert(emailVerifications).values({
          hospitalId: hospital.id,
          userId: user!.id,
          tokenHash: hashLinkToken(token),
          expiresAt: new Date(now.getTime() + VERIFICATION_TTL_MS),
        });
        await queueMail(p, { hospitalId: hospital.id, recipient: email, locale: context.locale, kind: "verify-email", ...mail });

        const actor = { kind: "user" as const, userId: user!.id, address: context.address };
        await p.continueAsTenant(hospital.id, actor, async (t) => {
          // The default roles until a template's are applied (wizard step 2, decision 038).
          await installDefaultRoles(t);
          await t.db.insert(memberships).values({ tenantId: t.tenantId, userId: user!.id, roles: ["admin"] });
          await t.db.insert(hospitalProfiles).values({ tenantId: t.tenantId });
        });
        return { ok: true as const, hospital, userId: user!.id, token: "" };
      });
    });
  } catch (error) {
    if (error instanceof FacilityCodeTaken) return { ok: false, reason: "invalid", errors: { facilityCode: "form.errors.facilityCodeTaken" } };
    throw error;
  }
  if (!result.ok) return result;
  const session = await createUserSession(result.userId, now);
  return { ...result, token: session.token };
}
