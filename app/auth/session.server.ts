// Sessions. ALL of auth lives in app/auth/ (docs/decisions/003-sessions.md): nothing outside this folder
// imports lucia, so replacing it (lucia v3 is no longer developed upstream) touches this folder only.
//
// The cookie carries a random token (20 bytes, base32); the database stores only SHA-256(token) as the
// session id, so a leaked sessions table yields no usable session. Time limits (idle 30 min, absolute
// 12 h) are enforced by the adapter (session-adapter.server.ts) against a clock that tests can move.
//
// The cookie has no Max-Age: it lives as long as the browser is open, and the server decides validity.
// Hospital PCs are shared; closing the browser should end the session on that machine.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { Cookie, Lucia, TimeSpan } from "lucia";
import { randomBytes } from "node:crypto";
import { hospitalSlugOfPath } from "~/hospitals/hospital-slug";
import { FIND_MY_HOSPITAL_REASON, findMyHospitalIn, type MyMembership } from "~/hospitals/list-my-hospitals.server";
import type { SignedInUser } from "./guards.server";
import {
  ABSOLUTE_TIMEOUT_MS,
  type AfterValidSession,
  type Clock,
  createSessionAdapter,
  deleteExpiredUserSessions,
  IDLE_TIMEOUT_MS,
} from "./session-adapter.server";
import { isBackgroundRefresh, type SessionClock } from "./session-timing";

export { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS };

const TOKEN_BYTES = 20;
/** 20 bytes in lower-case base32 without padding: exactly 32 characters of a-z2-7. */
const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

const isProduction = () => process.env.NODE_ENV === "production";

export function sessionCookieName(production: boolean): string {
  // __Host- makes the browser refuse the cookie unless Secure, Path=/ and no Domain: no subdomain can
  // plant or overwrite it.
  return production ? "__Host-emr_session" : "emr_session";
}

function createLucia(production: boolean, now: Clock, afterValid?: AfterValidSession) {
  return new Lucia(createSessionAdapter(now, { afterValid }), {
    sessionExpiresIn: new TimeSpan(IDLE_TIMEOUT_MS / 60_000, "m"),
    sessionCookie: {
      name: sessionCookieName(production),
      attributes: { secure: production, sameSite: "lax", path: "/" },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      displayName: attributes.display_name,
      locale: attributes.locale,
    }),
    getSessionAttributes: (attributes) => ({ absoluteExpiresAt: attributes.absolute_expires_at }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    UserId: string;
    DatabaseUserAttributes: { email: string; display_name: string; locale: string };
    DatabaseSessionAttributes: { absolute_expires_at: Date };
  }
}

/** lucia bound to a moment: `now` is injectable so that tests move time instead of sleeping. */
function luciaAt(now: Date | undefined, afterValid?: AfterValidSession) {
  return createLucia(isProduction(), now ? () => now : () => new Date(), afterValid);
}

export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(TOKEN_BYTES));
}

/** The session id stored in the database: SHA-256 of the token, hex. */
export function hashSessionToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function isWellFormedSessionToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** The Set-Cookie value that carries a token. No Max-Age: see the header comment. */
export function serializeSessionCookie(token: string, production = isProduction()): string {
  const cookie = createLucia(production, () => new Date()).createSessionCookie(token);
  return new Cookie(cookie.name, cookie.value, { ...cookie.attributes, maxAge: undefined }).serialize();
}

/** The Set-Cookie value that removes the session cookie. */
export function serializeBlankSessionCookie(production = isProduction()): string {
  return createLucia(production, () => new Date()).createBlankSessionCookie().serialize();
}

/**
 * The token in the request's cookie, or null. Never throws: a cookie header a person (or an attacker)
 * made up must read as "signed out", not as a server error.
 */
export function readSessionToken(request: Request, production = isProduction()): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const name = sessionCookieName(production);
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    return part.slice(eq + 1).trim();
  }
  return null;
}

export type ValidSession = {
  user: SignedInUser;
  session: { id: string; expiresAt: Date; absoluteExpiresAt: Date };
};

/** Starts a session for a person who has just proven who they are. Returns the token for the cookie. */
export async function createUserSession(userId: string, now = new Date()): Promise<{ token: string; sessionId: string }> {
  const token = generateSessionToken();
  const sessionId = hashSessionToken(token);
  await deleteExpiredUserSessions(userId, now);
  await luciaAt(now).createSession(
    userId,
    { absolute_expires_at: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS) },
    { sessionId },
  );
  return { token, sessionId };
}

/** Housekeeping for the job queue: every session past its idle or absolute expiry goes. */
export async function pruneExpiredSessions(now?: Date): Promise<void> {
  await luciaAt(now).deleteExpiredSessions();
}

/**
 * The person behind a token, or null when the token is unknown, malformed or expired. A person's own
 * request extends the idle deadline; `{ extend: false }` (a background refresh) only reads it.
 */
export async function validateSessionToken(
  token: string,
  now?: Date,
  { extend = true, afterValid }: { extend?: boolean; afterValid?: AfterValidSession } = {},
): Promise<ValidSession | null> {
  // A malformed token cannot name a session: no database round trip for garbage.
  if (!isWellFormedSessionToken(token)) return null;
  const sessionId = hashSessionToken(token);
  if (!extend) {
    // Straight to the adapter: lucia's validateSession would extend a session past half its life.
    const clock = now ? () => now : () => new Date();
    const [session, user] = await createSessionAdapter(clock, { touch: false, afterValid }).getSessionAndUser(sessionId);
    if (!session || !user) return null;
    return {
      user: { id: user.id, email: user.attributes.email, displayName: user.attributes.display_name, locale: user.attributes.locale },
      session: { id: session.id, expiresAt: session.expiresAt, absoluteExpiresAt: session.attributes.absolute_expires_at },
    };
  }
  const { session, user } = await luciaAt(now, afterValid).validateSession(sessionId);
  if (!session || !user) return null;
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale },
    session: { id: session.id, expiresAt: session.expiresAt, absoluteExpiresAt: session.absoluteExpiresAt },
  };
}

/** Ends the session a token names (sign-out, or the old session presented at sign-in). */
export async function invalidateSessionToken(token: string): Promise<void> {
  if (!isWellFormedSessionToken(token)) return;
  await luciaAt(undefined).invalidateSession(hashSessionToken(token));
}

/** Signs a person out everywhere: every session of theirs ends (e.g. after a password change). */
export async function invalidateUserSessions(userId: string): Promise<void> {
  await luciaAt(undefined).invalidateUserSessions(userId);
}

/** The membership of the hospital a /h/<slug>/... address names, looked up with the session. */
export type PrefetchedMembership = { slug: string; userId: string; hospital: MyMembership | null };

export type RequestSession =
  | (ValidSession & { clearCookie: false; membership: PrefetchedMembership | null })
  | {
      user: null;
      session: null;
      /** A cookie was sent but names no live session: blank it. */
      clearCookie: boolean;
      membership: null;
    };

// One lookup per HTTP request: the layout's and the page's loaders both ask, in parallel. The load
// context is created once per request, so it keys the cache.
const lookups = new WeakMap<object, { token: string | null; result: Promise<RequestSession> }>();

/**
 * The session of this request, looked up once per request. A background refresh (`?refresh=background`,
 * session-timing.ts) is validated without extending the session.
 */
export function getRequestSession(request: Request, context: object): Promise<RequestSession> {
  const token = readSessionToken(request);
  const cached = lookups.get(context);
  if (cached && cached.token === token) return cached.result;
  const url = new URL(request.url);
  const result = lookUpRequestSession(token, !isBackgroundRefresh(url), hospitalSlugOfPath(url.pathname));
  lookups.set(context, { token, result });
  return result;
}

/**
 * On a hospital page the door (guards.server.ts) will ask for the membership right after the session:
 * it is read in the session's transaction, as the platform scope, one transaction fewer per page.
 */
async function lookUpRequestSession(token: string | null, extend: boolean, slug: string | null): Promise<RequestSession> {
  if (token === null) return { user: null, session: null, clearCookie: false, membership: null };
  let membership: PrefetchedMembership | null = null;
  const afterValid: AfterValidSession | undefined = slug
    ? async (i, userId) => {
        const hospital = await i.continueAsPlatform(FIND_MY_HOSPITAL_REASON, (p) => findMyHospitalIn(p, userId, slug));
        membership = { slug, userId, hospital };
      }
    : undefined;
  const valid = await validateSessionToken(token, undefined, { extend, afterValid });
  if (!valid) return { user: null, session: null, clearCookie: true, membership: null };
  return { ...valid, clearCookie: false, membership };
}

/** This request's session deadline for the page's expiry warning, or null when signed out. */
export async function getSessionClock(request: Request, context: object): Promise<SessionClock | null> {
  const { session } = await getRequestSession(request, context);
  return session ? { expiresAt: session.expiresAt.getTime(), serverNow: Date.now() } : null;
}
