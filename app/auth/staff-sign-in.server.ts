// The platform staff sign-in (decision 055), in two steps. The password opens a half-session that
// reaches only the second step; the second step is enrolment (first sign-in, or after an owner reset
// it: a new secret shown as a QR code, confirmed with a current code, then ten recovery codes shown
// once) or a TOTP code or a recovery code. Both steps are throttled with the hospital sign-in's table
// and rules (sign-in-throttle.server.ts), the second on a key of its own: five wrong codes in 15
// minutes lock the code step for the account, end the half-session and record a security event.
//
// A hospital user (no platform_staff row) and a deactivated staff member get exactly what a wrong
// password gets: the form must not reveal who is staff.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { platformStaff, staffSessions, userCredentials, users } from "~db/schema";
import { withIdentity } from "~db/scope.server";
import { recordPlatformAudit } from "~/platform/platform-audit.server";
import { recordSecurityEvent } from "~/platform/security-events.server";
import { hashPassword, verifyPassword } from "./password.server";
import {
  admitSignInAttempt,
  currentSignInLock,
  emailKeyOf,
  normalizeEmail,
  recordSignInSuccess,
  staffCodeKeyOf,
  type SignInLock,
} from "./sign-in-throttle.server";
import { safeRedirectPath } from "./safe-redirect";
import {
  completeStaffSession,
  createStaffSession,
  endStaffSession,
  getStaffSession,
  serializeBlankStaffCookie,
  STAFF_SIGN_IN_PATH,
  type StaffMember,
} from "./staff-session.server";
import {
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  matchTotpStep,
  normalizeRecoveryCode,
  normalizeTotpCode,
  totpUri,
} from "./staff-totp.server";

export type StaffSignInResult =
  | { ok: true; userId: string; token: string; enrolled: boolean; locale: string }
  | { ok: false; reason: "invalid-credentials" }
  | { ok: false; reason: "locked"; lock: SignInLock };

let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

/** The password step: a half-session for an active staff member whose password matches. */
export async function staffSignIn(
  input: { email: string; password: string; address: string; presentedToken: string | null },
  now = new Date(),
): Promise<StaffSignInResult> {
  const email = normalizeEmail(input.email);
  const admission = await admitSignInAttempt(emailKeyOf(email), input.address, now);
  if (!admission.admitted) {
    await recordSecurityEvent({ kind: "sign-in-locked", address: input.address }, now);
    return { ok: false, reason: "locked", lock: admission.lock };
  }
  const [row] = await withIdentity("look up a staff member signing in", (i) =>
    i.db
      .select({
        id: users.id,
        locale: users.locale,
        passwordHash: userCredentials.passwordHash,
        active: platformStaff.active,
        enrolledAt: platformStaff.totpEnrolledAt,
      })
      .from(users)
      .innerJoin(userCredentials, eq(userCredentials.userId, users.id))
      .leftJoin(platformStaff, eq(platformStaff.userId, users.id))
      .where(eq(users.email, email)),
  );
  const passwordMatches = await verifyPassword(row?.passwordHash ?? (await getDummyHash()), input.password);
  // Not staff (a hospital user), deactivated, or the wrong password: one answer for all three.
  if (!row || row.active !== true || !passwordMatches) return { ok: false, reason: "invalid-credentials" };
  await recordSignInSuccess(admission.attemptId);
  // The code step is locked for this account: no half-session until it lifts.
  const codeLock = await currentSignInLock(staffCodeKeyOf(row.id), input.address, now);
  if (codeLock) return { ok: false, reason: "locked", lock: codeLock };
  if (input.presentedToken) await endStaffSession(input.presentedToken);
  const token = await createStaffSession(row.id, { secondFactor: false, now });
  return { ok: true, userId: row.id, token, enrolled: row.enrolledAt !== null, locale: row.locale };
}

export type Enrolment = { secret: string; uri: string };

/**
 * The secret this staff member is enrolling with: made at the first visit of the enrolment page and kept
 * until confirmed (a reload shows the same QR code). Null when they are already enrolled.
 */
export async function pendingEnrolment(staff: Pick<StaffMember, "id" | "email">): Promise<Enrolment | null> {
  return withIdentity("prepare a staff member's TOTP enrolment", async (i) => {
    const [row] = await i.db
      .select({ secret: platformStaff.totpSecret, enrolledAt: platformStaff.totpEnrolledAt })
      .from(platformStaff)
      .where(eq(platformStaff.userId, staff.id))
      .for("update");
    if (!row || row.enrolledAt) return null;
    let secret = row.secret;
    if (!secret) {
      secret = generateTotpSecret();
      await i.db.update(platformStaff).set({ totpSecret: secret }).where(eq(platformStaff.userId, staff.id));
    }
    return { secret, uri: totpUri(secret, staff.email) };
  });
}

export type SecondFactorResult =
  | { ok: true }
  | { ok: false; reason: "wrong" }
  | { ok: false; reason: "locked"; lock: SignInLock }
  /** Enrolment asked of someone already enrolled, or a code of someone who is not: go to the other step. */
  | { ok: false; reason: "wrong-step" };

type Attempt = { staff: StaffMember; sessionId: string; address: string; request?: Request; now?: Date };

/** Admits a code attempt, or ends the half-session because the code step is locked. */
async function admitCode(a: Attempt, now: Date): Promise<{ attemptId: number } | { lock: SignInLock }> {
  const admission = await admitSignInAttempt(staffCodeKeyOf(a.staff.id), a.address, now);
  if (admission.admitted) return { attemptId: admission.attemptId };
  await lockOut(a, now);
  return { lock: admission.lock };
}

async function lockOut(a: Attempt, now: Date): Promise<void> {
  await withIdentity("end a locked staff half-session", (i) => i.db.delete(staffSessions).where(eq(staffSessions.id, a.sessionId)));
  await recordSecurityEvent({ kind: "staff-code-locked", userId: a.staff.id, request: a.request, address: a.address }, now);
}

/** After a wrong code: the answer, and the lock-out when that was the last allowed. */
async function refuseCode(a: Attempt, now: Date): Promise<Exclude<SecondFactorResult, { ok: true }>> {
  const lock = await currentSignInLock(staffCodeKeyOf(a.staff.id), a.address, now);
  if (!lock) return { ok: false, reason: "wrong" };
  await lockOut(a, now);
  return { ok: false, reason: "locked", lock };
}

/**
 * Confirms enrolment with a current code from the app: the secret becomes the account's, the step is
 * used, and ten recovery codes are made; their text is returned once, only their hashes are kept. The
 * half-session becomes a full one.
 */
export async function confirmEnrolment(
  a: Attempt,
  input: string,
): Promise<Exclude<SecondFactorResult, { ok: true }> | { ok: true; recoveryCodes: string[] }> {
  const now = a.now ?? new Date();
  const admission = await admitCode(a, now);
  if ("lock" in admission) return { ok: false, reason: "locked", lock: admission.lock };
  const code = normalizeTotpCode(input);
  const outcome = await withIdentity("confirm a staff member's TOTP enrolment", async (i) => {
    const [row] = await i.db
      .select({ secret: platformStaff.totpSecret, enrolledAt: platformStaff.totpEnrolledAt })
      .from(platformStaff)
      .where(eq(platformStaff.userId, a.staff.id))
      .for("update");
    if (!row || row.enrolledAt || !row.secret) return "wrong-step" as const;
    const step = code ? matchTotpStep(row.secret, code, now, null) : null;
    if (step === null) return "wrong" as const;
    const recoveryCodes = generateRecoveryCodes();
    await i.db
      .update(platformStaff)
      .set({ totpEnrolledAt: now, totpLastStep: step, recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode) })
      .where(eq(platformStaff.userId, a.staff.id));
    await i.continueAsPlatform("audit a staff member's enrolment", (p) =>
      recordPlatformAudit(p, { staffUserId: a.staff.id, action: "staff.enrol" }),
    );
    return recoveryCodes;
  });
  if (outcome === "wrong-step") return { ok: false, reason: "wrong-step" };
  if (outcome === "wrong") return refuseCode(a, now);
  await recordSignInSuccess(admission.attemptId);
  await completeStaffSession(a.sessionId, now);
  return { ok: true, recoveryCodes: outcome };
}

/**
 * The second step of an enrolled staff member: a TOTP code (a step not used before, within one step of
 * now) or an unused recovery code, which is then spent. Completes the half-session.
 */
export async function verifyStaffSecondFactor(a: Attempt, input: { kind: "totp" | "recovery"; code: string }): Promise<SecondFactorResult> {
  const now = a.now ?? new Date();
  const admission = await admitCode(a, now);
  if ("lock" in admission) return { ok: false, reason: "locked", lock: admission.lock };
  const outcome = await withIdentity("check a staff member's second factor", async (i) => {
    const [row] = await i.db
      .select({ secret: platformStaff.totpSecret, enrolledAt: platformStaff.totpEnrolledAt, lastStep: platformStaff.totpLastStep, hashes: platformStaff.recoveryCodeHashes })
      .from(platformStaff)
      .where(and(eq(platformStaff.userId, a.staff.id), eq(platformStaff.active, true)))
      .for("update");
    if (!row || !row.enrolledAt || !row.secret) return "wrong-step" as const;
    if (input.kind === "totp") {
      const code = normalizeTotpCode(input.code);
      const step = code ? matchTotpStep(row.secret, code, now, row.lastStep) : null;
      if (step === null) return "wrong" as const;
      await i.db.update(platformStaff).set({ totpLastStep: step }).where(eq(platformStaff.userId, a.staff.id));
      return "ok" as const;
    }
    const code = normalizeRecoveryCode(input.code);
    const hash = code ? hashRecoveryCode(code) : null;
    if (!hash || !row.hashes.includes(hash)) return "wrong" as const;
    await i.db
      .update(platformStaff)
      .set({ recoveryCodeHashes: row.hashes.filter((h) => h !== hash) })
      .where(eq(platformStaff.userId, a.staff.id));
    await i.continueAsPlatform("audit a recovery code's use", (p) =>
      recordPlatformAudit(p, { staffUserId: a.staff.id, action: "staff.recovery-code-used", details: { remaining: row.hashes.length - 1 } }),
    );
    return "ok" as const;
  });
  if (outcome === "wrong-step") return { ok: false, reason: "wrong-step" };
  if (outcome === "wrong") return refuseCode(a, now);
  await recordSignInSuccess(admission.attemptId);
  await completeStaffSession(a.sessionId, now);
  return { ok: true };
}

export const STAFF_HOME = "/admin";

/** Where to go after the staff sign-in: a path of the console only (never a hospital page or elsewhere). */
export function staffRedirectTarget(to: unknown): string {
  const path = safeRedirectPath(to, STAFF_HOME);
  const bare = path.split(/[?#]/)[0]!;
  if (bare !== STAFF_HOME && !bare.startsWith(`${STAFF_HOME}/`)) return STAFF_HOME;
  if (bare.startsWith(`${STAFF_HOME}/sign-in`) || bare.startsWith(`${STAFF_HOME}/sign-out`)) return STAFF_HOME;
  return path;
}

/** `/admin/sign-in...?redirectTo=...` keeping where the person was going. */
export function staffStepUrl(step: "" | "/enrol" | "/code", redirectTo: string, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams(extra);
  if (redirectTo !== STAFF_HOME) search.set("redirectTo", redirectTo);
  const query = search.toString();
  return `${STAFF_SIGN_IN_PATH}${step}${query ? `?${query}` : ""}`;
}

export type HalfSession = { staff: StaffMember; sessionId: string; redirectTo: string };

/**
 * The second step's guard: the half-session of this request. Signed out (or the half-session ran out or
 * was ended): back to the password step. Already signed in: on to the console, unless `signedIn` says
 * to stay (the enrolment page shows the recovery codes after its action completed the session).
 */
export async function requireHalfSession(
  request: Request,
  context: AppLoadContext,
  options: { allowSignedIn?: boolean } = {},
): Promise<HalfSession | { signedIn: StaffMember; redirectTo: string }> {
  const redirectTo = staffRedirectTarget(new URL(request.url).searchParams.get("redirectTo"));
  const session = await getStaffSession(request, context);
  if (session.state === "signed-out") {
    const headers = new Headers();
    if (session.clearCookie) headers.append("Set-Cookie", serializeBlankStaffCookie());
    throw redirect(staffStepUrl("", redirectTo, { expired: "1" }), { headers });
  }
  if (session.state === "signed-in") {
    if (options.allowSignedIn) return { signedIn: session.staff, redirectTo };
    throw redirect(redirectTo);
  }
  return { staff: session.staff, sessionId: session.sessionId, redirectTo };
}
