// Throttled sign-in (docs/architecture.md §5): too many wrong passwords for one account, or from one address, lock
// further attempts for the rest of a sliding 15-minute window. A locked attempt is refused before the
// password is checked and is not recorded, so hammering a locked account does not extend its lock.
//
// Counting and deciding is one step: an attempt that passes the check is recorded as a failure in the
// same transaction, under transaction-scoped advisory locks on its account and address, so attempts that
// arrive together queue for the count and each sees the ones before it. A success then replaces its
// record. (Transaction-scoped: production reaches Postgres through PgBouncer in transaction mode.)
//
// Accounts are keyed by SHA-256 of the normalised e-mail, not the e-mail itself: people sometimes type
// their password into the e-mail field, and this table must not keep it.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, desc, eq, gt, lt, sql } from "drizzle-orm";
import { signInAttempts } from "~db/schema";
import { type IdentityTx, withIdentity } from "~db/scope.server";

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;
/** Attempts are kept this long for review, then pruned. */
export const ATTEMPT_RETENTION_MS = 90 * 24 * 60 * 60_000;

export type SignInLock = { scope: "account" | "address"; retryAfterMinutes: number };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailKeyOf(email: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalizeEmail(email))));
}

/**
 * When the Nth most recent failure in the window ages out, fewer than N remain and the lock lifts: so
 * the lock ends at that failure's time plus the window.
 */
async function findLockEnd(p: IdentityTx, key: "emailKey" | "address", value: string, max: number, now: Date): Promise<Date | null> {
  const column = signInAttempts[key];
  const [row] = await p.db
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(
      and(
        eq(column, value),
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.at, new Date(now.getTime() - THROTTLE_WINDOW_MS)),
      ),
    )
    .orderBy(desc(signInAttempts.at))
    .offset(max - 1)
    .limit(1);
  return row ? new Date(row.at.getTime() + THROTTLE_WINDOW_MS) : null;
}

function minutesUntil(end: Date, now: Date): number {
  return Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 60_000));
}

/** The lock that refuses this attempt, or null. The account lock is reported first: it is the one a person can wait out. */
async function findSignInLock(p: IdentityTx, emailKey: string, address: string, now: Date): Promise<SignInLock | null> {
  const accountEnd = await findLockEnd(p, "emailKey", emailKey, MAX_FAILURES_PER_ACCOUNT, now);
  if (accountEnd && accountEnd > now) return { scope: "account", retryAfterMinutes: minutesUntil(accountEnd, now) };
  const addressEnd = await findLockEnd(p, "address", address, MAX_FAILURES_PER_ADDRESS, now);
  if (addressEnd && addressEnd > now) return { scope: "address", retryAfterMinutes: minutesUntil(addressEnd, now) };
  return null;
}

/** The lock that would refuse an attempt now, without recording anything (a read of the counts). */
export async function currentSignInLock(emailKey: string, address: string, now: Date): Promise<SignInLock | null> {
  return withIdentity("check a sign-in lock", (p) => findSignInLock(p, emailKey, address, now));
}

/**
 * The throttle key of a platform staff member's second step (TOTP or recovery code; decision 055): the
 * same table and rules as passwords (5 wrong in 15 minutes per account, 30 per address). The account's
 * count is kept apart from its password's, so wrong codes do not lock the password step nor the
 * reverse; the address's count takes both (guessing is guessing).
 */
export function staffCodeKeyOf(userId: string): string {
  return emailKeyOf(`staff-code:${userId}`);
}

export type SignInAdmission = { admitted: false; lock: SignInLock } | { admitted: true; attemptId: number };

/**
 * Decides whether this attempt may check a password and, if so, records it as a failure before any other
 * attempt on the same account or address can count. Locked attempts are not recorded.
 */
export async function admitSignInAttempt(emailKey: string, address: string, now: Date): Promise<SignInAdmission> {
  return withIdentity("check and record a sign-in attempt", async (p) => {
    // Always the account before the address, so that two attempts never wait on each other in a cycle.
    // The first argument keeps the two kinds of key apart.
    await p.db.execute(sql`select pg_advisory_xact_lock(1, hashtext(${emailKey}))`);
    await p.db.execute(sql`select pg_advisory_xact_lock(2, hashtext(${address}))`);
    const lock = await findSignInLock(p, emailKey, address, now);
    if (lock) return { admitted: false, lock };
    const [row] = await p.db
      .insert(signInAttempts)
      .values({ emailKey, address, succeeded: false, at: now })
      .returning({ id: signInAttempts.id });
    return { admitted: true, attemptId: row!.id };
  });
}

/** The password was right: the attempt recorded as a failure becomes a success, at the same time. */
export async function recordSignInSuccess(attemptId: number): Promise<void> {
  await withIdentity("record a successful sign-in", async (p) => {
    const [attempt] = await p.db.delete(signInAttempts).where(eq(signInAttempts.id, attemptId)).returning();
    if (attempt) await p.db.insert(signInAttempts).values({ emailKey: attempt.emailKey, address: attempt.address, at: attempt.at, succeeded: true });
  });
}

/** Housekeeping for a scheduled job: attempts older than the retention period go. */
export async function pruneSignInAttempts(now: Date): Promise<void> {
  await withIdentity("prune old sign-in attempts", (p) =>
    p.db.delete(signInAttempts).where(lt(signInAttempts.at, new Date(now.getTime() - ATTEMPT_RETENTION_MS))),
  );
}
