// Sign-in, sessions and throttling against the real database. "Now" is passed in rather than slept
// through, so a 12-hour session is tested in milliseconds.
import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions, signInAttempts } from "~db/schema";
import { withIdentity } from "~db/scope.server";
import {
  ABSOLUTE_TIMEOUT_MS,
  createUserSession,
  hashSessionToken,
  IDLE_TIMEOUT_MS,
  invalidateSessionToken,
  invalidateUserSessions,
  validateSessionToken,
} from "~/auth/session.server";
import { signIn, type SignInResult } from "~/auth/sign-in.server";
import { emailKeyOf, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, THROTTLE_WINDOW_MS } from "~/auth/sign-in-throttle.server";
import { createTestHospital, createTestStaff, TEST_PASSWORD } from "../support/factories";

const MINUTE = 60_000;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
/** Each test its own address, so that the per-address throttle of one test never touches another. */
const newAddress = () => `10.${randomUUID().slice(0, 8)}`;

async function newStaff() {
  const hospital = await createTestHospital();
  return createTestStaff(hospital.id);
}

function expectSignedIn(result: SignInResult): asserts result is Extract<SignInResult, { ok: true }> {
  expect(result.ok, JSON.stringify(result)).toBe(true);
}

async function sessionRow(id: string) {
  const [row] = await withIdentity("test: read a session", (p) => p.db.select().from(sessions).where(eq(sessions.id, id)));
  return row ?? null;
}

async function failuresRecorded(email: string) {
  const rows = await withIdentity("test: count attempts", (p) =>
    p.db.select().from(signInAttempts).where(eq(signInAttempts.emailKey, emailKeyOf(email))),
  );
  return rows.filter((r) => !r.succeeded).length;
}

describe("signing in", () => {
  it("with the right password creates a session whose stored id is the token's SHA-256, never the token", async () => {
    const user = await newStaff();
    const result = await signIn({ email: user.email, password: TEST_PASSWORD, address: newAddress(), presentedToken: null });
    expectSignedIn(result);
    expect(result.sessionId).toBe(hashSessionToken(result.token));
    expect(result.sessionId).not.toBe(result.token);

    const stored = await sessionRow(result.sessionId);
    expect(stored?.userId).toBe(user.id);
    const byToken = await withIdentity("test: look for the raw token", (p) =>
      p.db.select().from(sessions).where(inArray(sessions.id, [result.token, result.token.toUpperCase()])),
    );
    expect(byToken).toEqual([]);

    const valid = await validateSessionToken(result.token);
    expect(valid?.user).toMatchObject({ id: user.id, email: user.email });
  });

  it("accepts the e-mail in any case and with surrounding spaces", async () => {
    const user = await newStaff();
    const result = await signIn({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD, address: newAddress(), presentedToken: null });
    expectSignedIn(result);
  });

  it("fails the same way for a wrong password and for an unknown e-mail", async () => {
    const user = await newStaff();
    const address = newAddress();
    const wrongPassword = await signIn({ email: user.email, password: "sai-mat-khau", address, presentedToken: null });
    const unknownEmail = await signIn({ email: `khong-co-${randomUUID()}@example.test`, password: TEST_PASSWORD, address, presentedToken: null });
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid-credentials" });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it("starts a new session every time, and ends the session the browser presented", async () => {
    const user = await newStaff();
    const address = newAddress();
    const first = await signIn({ email: user.email, password: TEST_PASSWORD, address, presentedToken: null });
    expectSignedIn(first);
    const second = await signIn({ email: user.email, password: TEST_PASSWORD, address, presentedToken: first.token });
    expectSignedIn(second);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(second.token).not.toBe(first.token);
    expect(await validateSessionToken(first.token)).toBeNull();
    expect(await validateSessionToken(second.token)).not.toBeNull();
  });
});

describe("sign-in throttling", () => {
  it(`refuses the ${MAX_FAILURES_PER_ACCOUNT + 1}th attempt on an account as locked, even with the right password, until the window passes`, async () => {
    const user = await newStaff();
    const start = new Date();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      // Different addresses: this is the account's lock, not the address's.
      const failed = await signIn({ email: user.email, password: `sai-${i}`, address: newAddress(), presentedToken: null }, later(start, i * 1000));
      expect(failed).toEqual({ ok: false, reason: "invalid-credentials" });
    }

    const locked = await signIn({ email: user.email, password: TEST_PASSWORD, address: newAddress(), presentedToken: null }, later(start, 10_000));
    expect(locked).toEqual({ ok: false, reason: "locked", lock: { scope: "account", retryAfterMinutes: 15 } });
    // A locked attempt is not checked and not recorded: it cannot extend the lock.
    expect(await failuresRecorded(user.email)).toBe(MAX_FAILURES_PER_ACCOUNT);

    const stillLocked = await signIn({ email: user.email, password: TEST_PASSWORD, address: newAddress(), presentedToken: null }, later(start, 14 * MINUTE + 30_000));
    expect(stillLocked).toEqual({ ok: false, reason: "locked", lock: { scope: "account", retryAfterMinutes: 1 } });

    const afterWindow = await signIn({ email: user.email, password: TEST_PASSWORD, address: newAddress(), presentedToken: null }, later(start, THROTTLE_WINDOW_MS + 1000));
    expectSignedIn(afterWindow);
  });

  it("counts an e-mail as one account whatever its case", async () => {
    const user = await newStaff();
    const start = new Date();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const email = i % 2 ? user.email.toUpperCase() : ` ${user.email}`;
      await signIn({ email, password: "sai", address: newAddress(), presentedToken: null }, later(start, i));
    }
    const locked = await signIn({ email: user.email, password: TEST_PASSWORD, address: newAddress(), presentedToken: null }, later(start, 100));
    expect(locked).toMatchObject({ ok: false, reason: "locked", lock: { scope: "account" } });
  });

  it("does not let a success wipe earlier failures", async () => {
    const user = await newStaff();
    const address = newAddress();
    const start = new Date();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) {
      await signIn({ email: user.email, password: "sai", address, presentedToken: null }, later(start, i));
    }
    expectSignedIn(await signIn({ email: user.email, password: TEST_PASSWORD, address, presentedToken: null }, later(start, 10)));
    await signIn({ email: user.email, password: "sai", address, presentedToken: null }, later(start, 20));
    const locked = await signIn({ email: user.email, password: TEST_PASSWORD, address, presentedToken: null }, later(start, 30));
    expect(locked).toMatchObject({ ok: false, reason: "locked", lock: { scope: "account" } });
  });

  it("holds the account limit when failed attempts arrive at the same instant", async () => {
    const user = await newStaff();
    const now = new Date();
    const attempts = MAX_FAILURES_PER_ACCOUNT + 7;
    const results = await Promise.all(
      Array.from({ length: attempts }, (_, i) => signIn({ email: user.email, password: `sai-${i}`, address: newAddress(), presentedToken: null }, now)),
    );
    // Only as many passwords are tried as the limit allows; the rest are refused unchecked.
    expect(results.filter((r) => !r.ok && r.reason === "invalid-credentials")).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(attempts - MAX_FAILURES_PER_ACCOUNT);
    expect(await failuresRecorded(user.email)).toBe(MAX_FAILURES_PER_ACCOUNT);
  });

  it("holds the address limit when failed attempts on many accounts arrive at the same instant", async () => {
    const address = newAddress();
    const now = new Date();
    const attempts = MAX_FAILURES_PER_ADDRESS + 10;
    const results = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        signIn({ email: `dong-thoi-${i}-${randomUUID()}@example.test`, password: "sai", address, presentedToken: null }, now),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid-credentials")).toHaveLength(MAX_FAILURES_PER_ADDRESS);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(attempts - MAX_FAILURES_PER_ADDRESS);
  });

  it(`locks an address after ${MAX_FAILURES_PER_ADDRESS} failures across many e-mails, and only that address`, async () => {
    const user = await newStaff();
    const address = newAddress();
    const start = new Date();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      const failed = await signIn({ email: `doan-${i}-${randomUUID()}@example.test`, password: "sai", address, presentedToken: null }, later(start, i * 1000));
      expect(failed).toEqual({ ok: false, reason: "invalid-credentials" });
    }
    const locked = await signIn({ email: user.email, password: TEST_PASSWORD, address, presentedToken: null }, later(start, 60_000));
    expect(locked).toEqual({ ok: false, reason: "locked", lock: { scope: "address", retryAfterMinutes: 14 } });

    expectSignedIn(await signIn({ email: user.email, password: TEST_PASSWORD, address: newAddress(), presentedToken: null }, later(start, 60_000)));
    expectSignedIn(await signIn({ email: user.email, password: TEST_PASSWORD, address, presentedToken: null }, later(start, THROTTLE_WINDOW_MS + 1000)));
  });
});

describe("session lifetime", () => {
  it(`ends after ${IDLE_TIMEOUT_MS / MINUTE} idle minutes`, async () => {
    const user = await newStaff();
    const start = new Date();
    const { token } = await createUserSession(user.id, start);
    expect(await validateSessionToken(token, later(start, IDLE_TIMEOUT_MS - MINUTE))).not.toBeNull();

    const other = await createUserSession(user.id, start);
    expect(await validateSessionToken(other.token, later(start, IDLE_TIMEOUT_MS + 1000))).toBeNull();
    // And it stays ended: the expired row is gone.
    expect(await sessionRow(other.sessionId)).toBeNull();
    expect(await validateSessionToken(other.token, start)).toBeNull();
  });

  it("is kept alive by activity, with the idle deadline exact to within a minute", async () => {
    const user = await newStaff();
    const start = new Date();
    const { token, sessionId } = await createUserSession(user.id, start);

    const activity = later(start, 10 * MINUTE);
    expect(await validateSessionToken(token, activity)).not.toBeNull();
    const row = await sessionRow(sessionId);
    expect(Math.abs(row!.expiresAt.getTime() - (activity.getTime() + IDLE_TIMEOUT_MS))).toBeLessThan(MINUTE);

    // 39 minutes after sign-in but 29 after the last activity: still signed in.
    expect(await validateSessionToken(token, later(start, 39 * MINUTE))).not.toBeNull();
    // ...and then 31 idle minutes later, no longer.
    expect(await validateSessionToken(token, later(start, 70 * MINUTE + 1000))).toBeNull();
  });

  it("ends 12 hours after sign-in however active the person is, and expires_at never passes that limit", async () => {
    const user = await newStaff();
    const start = new Date();
    const { token, sessionId } = await createUserSession(user.id, start);
    const absolute = later(start, ABSOLUTE_TIMEOUT_MS);
    expect((await sessionRow(sessionId))!.absoluteExpiresAt.getTime()).toBe(absolute.getTime());

    for (let at = 20 * MINUTE; at < ABSOLUTE_TIMEOUT_MS; at += 20 * MINUTE) {
      expect(await validateSessionToken(token, later(start, at)), `at ${at / MINUTE} min`).not.toBeNull();
      const row = await sessionRow(sessionId);
      expect(row!.expiresAt.getTime()).toBeLessThanOrEqual(absolute.getTime());
      expect(row!.absoluteExpiresAt.getTime()).toBe(absolute.getTime());
    }
    expect(await validateSessionToken(token, later(start, ABSOLUTE_TIMEOUT_MS - 1000))).not.toBeNull();
    expect(await validateSessionToken(token, absolute)).toBeNull();
  });

  it("ends at sign-out", async () => {
    const user = await newStaff();
    const { token, sessionId } = await createUserSession(user.id);
    await invalidateSessionToken(token);
    expect(await sessionRow(sessionId)).toBeNull();
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("ends everywhere at once for one person (password change), and only for that person", async () => {
    const user = await newStaff();
    const someoneElse = await newStaff();
    const a = await createUserSession(user.id);
    const b = await createUserSession(user.id);
    const c = await createUserSession(someoneElse.id);
    await invalidateUserSessions(user.id);
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).toBeNull();
    expect(await validateSessionToken(c.token)).not.toBeNull();
  });

  it("is not found for a well-formed token that was never issued", async () => {
    expect(await validateSessionToken("abcdefghijklmnopqrstuvwxyz234567")).toBeNull();
  });
});
