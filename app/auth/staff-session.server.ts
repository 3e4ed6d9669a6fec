// Platform staff sessions (decision 055): the vendor's console at /admin, apart from hospital sign-in.
// Their own cookie and table, shorter limits (idle 30 min, absolute 10 h), and two steps: the password
// opens a half-session (second_factor_at null) that reaches only the TOTP step; the TOTP code or a
// recovery code completes it. Tokens are stored hashed, as hospital sessions are (session.server.ts).
//
//   requireStaff(request, context, roles?)  -> the signed-in staff member, or a redirect to
//                                              /admin/sign-in; 403 when their role is not among `roles`
//   getStaffSession(request, context)       -> the session of this request, looked up once per request
import { redirect, type AppLoadContext } from "@remix-run/node";
import { and, eq, lte, or, sql } from "drizzle-orm";
import { platformStaff, staffSessions, users, type PlatformStaffRole } from "~db/schema";
import { withIdentity } from "~db/scope.server";
import { forbidden } from "~/lib/http-errors";
import { requestPath } from "./safe-redirect";
import { generateSessionToken, hashSessionToken, isWellFormedSessionToken } from "./session.server";

export const STAFF_IDLE_TIMEOUT_MS = 30 * 60_000;
export const STAFF_ABSOLUTE_TIMEOUT_MS = 10 * 60 * 60_000;
/** A half-session (password accepted, code not yet) lasts this long. */
export const STAFF_SECOND_FACTOR_WINDOW_MS = 5 * 60_000;
const TOUCH_INTERVAL_MS = 60_000;

export const STAFF_SIGN_IN_PATH = "/admin/sign-in";

export type StaffMember = {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  role: PlatformStaffRole;
  /** Whether TOTP is enrolled; a first sign-in enrols before anything else. */
  enrolled: boolean;
};

export type StaffSession =
  /** Password and second factor both accepted. */
  | { state: "signed-in"; staff: StaffMember; sessionId: string; clearCookie: false }
  /** Password accepted; the TOTP step (or enrolment) is next. */
  | { state: "second-factor"; staff: StaffMember; sessionId: string; clearCookie: false }
  | { state: "signed-out"; staff: null; sessionId: null; clearCookie: boolean };

const isProduction = () => process.env.NODE_ENV === "production";

export function staffCookieName(production = isProduction()): string {
  return production ? "__Host-emr_staff" : "emr_staff";
}

export function serializeStaffCookie(token: string, production = isProduction()): string {
  return `${staffCookieName(production)}=${token}; Path=/; HttpOnly; SameSite=Strict${production ? "; Secure" : ""}`;
}

export function serializeBlankStaffCookie(production = isProduction()): string {
  return `${staffCookieName(production)}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${production ? "; Secure" : ""}`;
}

/** The staff token in the request's cookie, or null; never throws on a made-up header. */
export function readStaffToken(request: Request, production = isProduction()): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const name = staffCookieName(production);
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const token = part.slice(eq + 1).trim();
    return token.length > 0 ? token : null;
  }
  return null;
}

/**
 * Starts a staff session for a person whose password was just accepted (`secondFactor: false`), or, for
 * tests and the enrolment that follows a verified code, a complete one. Returns the cookie's token.
 */
export async function createStaffSession(
  userId: string,
  { secondFactor, now = new Date() }: { secondFactor: boolean; now?: Date },
): Promise<string> {
  const token = generateSessionToken();
  const absolute = new Date(now.getTime() + (secondFactor ? STAFF_ABSOLUTE_TIMEOUT_MS : STAFF_SECOND_FACTOR_WINDOW_MS));
  await withIdentity("start a staff session", async (i) => {
    await i.db
      .delete(staffSessions)
      .where(and(eq(staffSessions.userId, userId), or(lte(staffSessions.expiresAt, now), lte(staffSessions.absoluteExpiresAt, now))));
    await i.db.insert(staffSessions).values({
      id: hashSessionToken(token),
      userId,
      secondFactorAt: secondFactor ? now : null,
      expiresAt: new Date(Math.min(now.getTime() + STAFF_IDLE_TIMEOUT_MS, absolute.getTime())),
      absoluteExpiresAt: absolute,
    });
  });
  return token;
}

/** Completes a half-session once the second factor is accepted: the full limits start now. */
export async function completeStaffSession(sessionId: string, now = new Date()): Promise<void> {
  await withIdentity("complete a staff session", (i) =>
    i.db
      .update(staffSessions)
      .set({
        secondFactorAt: now,
        expiresAt: new Date(now.getTime() + STAFF_IDLE_TIMEOUT_MS),
        absoluteExpiresAt: new Date(now.getTime() + STAFF_ABSOLUTE_TIMEOUT_MS),
      })
      .where(eq(staffSessions.id, sessionId)),
  );
}

/** Ends the session a token names (sign-out). */
export async function endStaffSession(token: string): Promise<void> {
  if (!isWellFormedSessionToken(token)) return;
  await withIdentity("end a staff session", (i) => i.db.delete(staffSessions).where(eq(staffSessions.id, hashSessionToken(token))));
}

/** Ends every session of a staff member (deactivated, or their second factor reset). */
export async function endAllStaffSessions(userId: string): Promise<void> {
  await withIdentity("end a staff member's sessions", (i) => i.db.delete(staffSessions).where(eq(staffSessions.userId, userId)));
}

const signedOut = (clearCookie: boolean): StaffSession => ({ state: "signed-out", staff: null, sessionId: null, clearCookie });

/** The staff session a token names at `now`: deleted when expired, idle deadline moved by activity. */
export async function validateStaffToken(token: string, now = new Date()): Promise<StaffSession> {
  if (!isWellFormedSessionToken(token)) return signedOut(true);
  const sessionId = hashSessionToken(token);
  return withIdentity("validate a staff session", async (i) => {
    const [row] = await i.db
      .select({
        userId: staffSessions.userId,
        secondFactorAt: staffSessions.secondFactorAt,
        expiresAt: staffSessions.expiresAt,
        absoluteExpiresAt: staffSessions.absoluteExpiresAt,
        email: users.email,
        displayName: users.displayName,
        locale: users.locale,
        role: platformStaff.role,
        active: platformStaff.active,
        enrolledAt: platformStaff.totpEnrolledAt,
      })
      .from(staffSessions)
      .innerJoin(users, eq(users.id, staffSessions.userId))
      .innerJoin(platformStaff, eq(platformStaff.userId, staffSessions.userId))
      .where(eq(staffSessions.id, sessionId));
    if (!row) return signedOut(true);
    if (!row.active || row.expiresAt <= now || row.absoluteExpiresAt <= now) {
      await i.db.delete(staffSessions).where(eq(staffSessions.id, sessionId));
      return signedOut(true);
    }
    const idleDeadline = Math.min(now.getTime() + STAFF_IDLE_TIMEOUT_MS, row.absoluteExpiresAt.getTime());
    if (row.secondFactorAt && idleDeadline - row.expiresAt.getTime() >= TOUCH_INTERVAL_MS) {
      await i.db
        .update(staffSessions)
        .set({ expiresAt: sql`least(${new Date(idleDeadline).toISOString()}::timestamptz, ${staffSessions.absoluteExpiresAt})` })
        .where(eq(staffSessions.id, sessionId));
    }
    const staff: StaffMember = {
      id: row.userId,
      email: row.email,
      displayName: row.displayName,
      locale: row.locale,
      role: row.role,
      enrolled: row.enrolledAt !== null,
    };
    return row.secondFactorAt
      ? { state: "signed-in", staff, sessionId, clearCookie: false }
      : { state: "second-factor", staff, sessionId, clearCookie: false };
  });
}

// One lookup per HTTP request (the layout's and the page's loaders both ask); the load context keys it.
const lookups = new WeakMap<object, Promise<StaffSession>>();

/** The staff session of this request, looked up once per request. */
export function getStaffSession(request: Request, context: object): Promise<StaffSession> {
  let lookup = lookups.get(context);
  if (!lookup) {
    const token = readStaffToken(request);
    lookup = token ? validateStaffToken(token) : Promise.resolve(signedOut(false));
    lookups.set(context, lookup);
    lookup.catch(() => lookups.delete(context));
  }
  return lookup;
}

/**
 * The signed-in staff member (both factors), or a redirect to the staff sign-in. A hospital user's
 * session counts for nothing here. `roles` absent: any staff role may pass.
 */
export async function requireStaff(
  request: Request,
  context: AppLoadContext,
  roles?: readonly PlatformStaffRole[],
): Promise<StaffMember> {
  const session = await getStaffSession(request, context);
  if (session.state !== "signed-in") {
    const search = new URLSearchParams({ redirectTo: requestPath(request) });
    const headers = new Headers();
    if (session.clearCookie) headers.append("Set-Cookie", serializeBlankStaffCookie());
    throw redirect(`${STAFF_SIGN_IN_PATH}?${search.toString()}`, { headers });
  }
  if (context.log) (context.log as { userId?: string }).userId = session.staff.id;
  if (roles && !roles.includes(session.staff.role)) throw forbidden();
  return session.staff;
}
