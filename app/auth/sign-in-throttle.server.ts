// Throttled sign-in (DESIGN.md §5): too many wrong passwords for one account, or from one address, lock
// further attempts for the rest of a sliding 15-minute window. A locked attempt is refused before the
// password is checked and is not recorded, so hammering a locked account does not extend its lock.
//
// Accounts are keyed by SHA-256 of the normalised e-mail, not the e-mail itself: people sometimes type
// their password into the e-mail field, and this table must not keep it.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, desc, eq, gt, lt } from "drizzle-orm";
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
export async function findSignInLock(emailKey: string, address: string, now: Date): Promise<SignInLock | null> {
  return withIdentity("check sign-in throttling", async (p) => {
    const accountEnd = await findLockEnd(p, "emailKey", emailKey, MAX_FAILURES_PER_ACCOUNT, now);
    if (accountEnd && accountEnd > now) return { scope: "account", retryAfterMinutes: minutesUntil(accountEnd, now) };
    const addressEnd = await findLockEnd(p, "address", address, MAX_FAILURES_PER_ADDRESS, now);
    if (addressEnd && addressEnd > now) return { scope: "address", retryAfterMinutes: minutesUntil(addressEnd, now) };
    return null;
  });
}

export async function recordSignInAttempt(attempt: { emailKey: string; address: string; succeeded: boolean }, now: Date): Promise<void> {
  await withIdentity("record a sign-in attempt", (p) => p.db.insert(signInAttempts).values({ ...attempt, at: now }));
}

/** Housekeeping for a scheduled job: attempts older than the retention period go. */
export async function pruneSignInAttempts(now: Date): Promise<void> {
  await withIdentity("prune old sign-in attempts", (p) =>
    p.db.delete(signInAttempts).where(lt(signInAttempts.at, new Date(now.getTime() - ATTEMPT_RETENTION_MS))),
  );
}
