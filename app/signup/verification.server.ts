// E-mail verification of a hospital's first administrator (issue 7): a link valid 24 h, its token stored
// hashed (email_verifications); using it marks the hospital verified, which going live requires.
import { and, eq, gt, isNull } from "drizzle-orm";
import { emailVerifications, tenants, users } from "~db/schema";
import { withPlatform } from "~db/scope.server";
import { VERIFICATION_TTL_MS, verificationLink } from "~/auth/sign-up.server";
import { isLanguage } from "~/i18n/config";
import { composeMail, queueMail } from "~/mail/outbox.server";
import { generateLinkToken, hashLinkToken, isWellFormedLinkToken } from "~/mail/token.server";

export type VerifyResult = { ok: true; hospitalSlug: string } | { ok: false };

/** Uses a verification link: once, before it expires. */
export async function verifyEmailToken(token: string, now = new Date()): Promise<VerifyResult> {
  if (!isWellFormedLinkToken(token)) return { ok: false };
  return withPlatform("verify a hospital administrator's e-mail", async (p) => {
    const [found] = await p.db
      .update(emailVerifications)
      .set({ usedAt: now })
      .where(and(eq(emailVerifications.tokenHash, hashLinkToken(token)), isNull(emailVerifications.usedAt), gt(emailVerifications.expiresAt, now)))
      .returning({ tenantId: emailVerifications.hospitalId });
    if (!found) return { ok: false as const };
    const [hospital] = await p.db
      .update(tenants)
      .set({ verifiedAt: now })
      .where(eq(tenants.id, found.tenantId))
      .returning({ slug: tenants.slug });
    return { ok: true as const, hospitalSlug: hospital!.slug };
  });
}

export async function isHospitalVerified(tenantId: string): Promise<boolean> {
  const [row] = await withPlatform("is a hospital verified", (p) =>
    p.db.select({ verifiedAt: tenants.verifiedAt }).from(tenants).where(eq(tenants.id, tenantId)),
  );
  return Boolean(row?.verifiedAt);
}

/** A new link for a hospital not yet verified, to the signed-in admin's own address (never shown on screen). */
export async function resendVerification(
  hospital: { id: string; name: string },
  user: { id: string; email: string; displayName: string; locale: string },
  origin: string,
  now = new Date(),
): Promise<boolean> {
  const token = generateLinkToken();
  const locale = isLanguage(user.locale) ? user.locale : "vi";
  const mail = await composeMail(locale, "verify", { name: user.displayName, hospital: hospital.name, link: verificationLink(origin, token) });
  return withPlatform("resend a verification link", async (p) => {
    const [tenant] = await p.db.select({ verifiedAt: tenants.verifiedAt }).from(tenants).where(eq(tenants.id, hospital.id));
    if (!tenant || tenant.verifiedAt) return false;
    const [person] = await p.db.select({ email: users.email }).from(users).where(eq(users.id, user.id));
    await p.db.insert(emailVerifications).values({
      hospitalId: hospital.id,
      userId: user.id,
      tokenHash: hashLinkToken(token),
      expiresAt: new Date(now.getTime() + VERIFICATION_TTL_MS),
    });
    await queueMail(p, { hospitalId: hospital.id, recipient: person!.email, locale, kind: "verify-email", ...mail });
    return true;
  });
}
