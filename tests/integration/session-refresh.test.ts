// A busy clinic's sessions (docs/architecture.md §5): a worklist that refreshes itself must not keep an idle
// session alive, and a person whose session ran out is told so on the sign-in page.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions } from "~db/schema";
import { withIdentity } from "~db/scope.server";
import { requireUser } from "~/auth/guards.server";
import { createUserSession, IDLE_TIMEOUT_MS, sessionCookieName, validateSessionToken } from "~/auth/session.server";
import { backgroundRefreshHref, SESSION_STATUS_PATH, SIGN_IN_EXPIRED_PARAM } from "~/auth/session-timing";
import * as sessionRoute from "~/routes/session";
import { createTestHospital, createTestStaff } from "../support/factories";
import { fakeContext, get, ORIGIN, settle } from "../support/http";

const MINUTE = 60_000;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

async function newSignedInStaff(signedInAt = new Date()) {
  const hospital = await createTestHospital();
  const user = await createTestStaff(hospital.id);
  const { token, sessionId } = await createUserSession(user.id, signedInAt);
  return { user, token, sessionId, cookie: `${sessionCookieName(false)}=${token}` };
}

async function expiresAtOf(sessionId: string): Promise<Date | null> {
  const [row] = await withIdentity("test: read a session", (p) => p.db.select().from(sessions).where(eq(sessions.id, sessionId)));
  return row?.expiresAt ?? null;
}

const args = (request: Request) => ({ request, context: fakeContext(), params: {} });

describe("background refreshes", () => {
  it("validate the session without extending it, so an idle person is still signed out after 30 minutes", async () => {
    const start = new Date();
    const { token, sessionId } = await newSignedInStaff(start);

    // A worklist polling every few minutes while nobody touches the PC.
    for (const minutes of [5, 10, 20, 29]) {
      const polled = await validateSessionToken(token, later(start, minutes * MINUTE), { extend: false });
      expect(polled?.session.id, `poll at minute ${minutes}`).toBe(sessionId);
    }
    expect(await expiresAtOf(sessionId)).toEqual(later(start, IDLE_TIMEOUT_MS));
    expect(await validateSessionToken(token, later(start, 31 * MINUTE), { extend: false })).toBeNull();
  });

  it("a person's own request at the same moment would have kept the session alive", async () => {
    const start = new Date();
    const { token } = await newSignedInStaff(start);
    expect(await validateSessionToken(token, later(start, 20 * MINUTE))).not.toBeNull();
    expect(await validateSessionToken(token, later(start, 31 * MINUTE))).not.toBeNull();
  });

  it("over HTTP, ?refresh=background reads the deadline and leaves it, a person's request moves it", async () => {
    // Signed in 20 minutes ago and idle since: 10 minutes left.
    const { sessionId, cookie } = await newSignedInStaff(new Date(Date.now() - 20 * MINUTE));
    const before = await expiresAtOf(sessionId);

    const polled = await settle(() => sessionRoute.loader(args(get(backgroundRefreshHref(SESSION_STATUS_PATH), cookie))));
    expect(polled.status).toBe(200);
    expect(polled.data.session.expiresAt).toBe(before!.getTime());
    expect(polled.headers.get("Cache-Control")).toBe("no-store");
    expect(await expiresAtOf(sessionId)).toEqual(before);

    const request = new Request(ORIGIN + SESSION_STATUS_PATH, { method: "POST", headers: { Cookie: cookie, Origin: ORIGIN } });
    const stayed = await settle(() => sessionRoute.action(args(request)));
    const after = await expiresAtOf(sessionId);
    expect(after!.getTime()).toBeGreaterThan(before!.getTime() + 9 * MINUTE);
    expect(stayed.data.session.expiresAt).toBe(after!.getTime());
  });

  it("answers null, not an error, once the session has run out", async () => {
    const { cookie } = await newSignedInStaff(new Date(Date.now() - IDLE_TIMEOUT_MS - MINUTE));
    const polled = await settle(() => sessionRoute.loader(args(get(backgroundRefreshHref(SESSION_STATUS_PATH), cookie))));
    expect(polled.data).toEqual({ session: null });
  });
});

describe("an expired session", () => {
  it("sends the person to sign-in with the page they were on and a note that the session ran out", async () => {
    const { cookie } = await newSignedInStaff(new Date(Date.now() - IDLE_TIMEOUT_MS - MINUTE));
    const outcome = await settle(() => requireUser(get("/h/some-hospital/patients/123", cookie), fakeContext()));
    expect(outcome.status).toBe(302);
    const location = new URL(outcome.headers.get("Location")!, ORIGIN);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("redirectTo")).toBe("/h/some-hospital/patients/123");
    expect(location.searchParams.get(SIGN_IN_EXPIRED_PARAM)).toBe("1");
  });

  it("but a person who never signed in is not told that anything expired", async () => {
    const outcome = await settle(() => requireUser(get("/h/some-hospital/patients"), fakeContext()));
    expect(new URL(outcome.headers.get("Location")!, ORIGIN).searchParams.has(SIGN_IN_EXPIRED_PARAM)).toBe(false);
  });
});
