// Signing in: throttling, password check, a new session. The route parses the form and sets the cookie;
// everything that decides lives here.
import { eq } from "drizzle-orm";
import { platformStaff, userCredentials, users } from "~db/schema";
import { withIdentity } from "~db/scope.server";
import { hashPassword, verifyPassword } from "./password.server";
import { createUserSession, invalidateSessionToken } from "./session.server";
import { recordSecurityEvent } from "~/platform/security-events.server";
import { admitSignInAttempt, emailKeyOf, normalizeEmail, recordSignInSuccess, type SignInLock } from "./sign-in-throttle.server";

export type SignInInput = {
  email: string;
  password: string;
  /** The client's address, for the per-address throttle. */
  address: string;
  /** A session token the browser already held: it ends, whoever it belonged to. */
  presentedToken: string | null;
};

export type SignInResult =
  | { ok: true; userId: string; locale: string; token: string; sessionId: string }
  | { ok: false; reason: "invalid-credentials" }
  | { ok: false; reason: "locked"; lock: SignInLock };

// An unknown e-mail is checked against this hash, so that it costs as long as a known one and the
// response time does not reveal which e-mails have accounts.
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

async function findUserCredentials(email: string): Promise<{ id: string; passwordHash: string; locale: string; staff: boolean } | null> {
  const [row] = await withIdentity("look up a person signing in", (i) =>
    i.db
      .select({ id: users.id, passwordHash: userCredentials.passwordHash, locale: users.locale, staffId: platformStaff.userId })
      .from(users)
      .innerJoin(userCredentials, eq(userCredentials.userId, users.id))
      .leftJoin(platformStaff, eq(platformStaff.userId, users.id))
      .where(eq(users.email, email)),
  );
  return row ? { id: row.id, passwordHash: row.passwordHash, locale: row.locale, staff: row.staffId !== null } : null;
}

export async function signIn(input: SignInInput, now = new Date()): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const emailKey = emailKeyOf(email);

  // Admission records the attempt as a failure up front, so concurrent attempts count it. Each step is its
  // own short transaction: no transaction is held open across the (deliberately slow) password hash.
  const admission = await admitSignInAttempt(emailKey, input.address, now);
  if (!admission.admitted) {
    await recordSecurityEvent({ kind: "sign-in-locked", address: input.address }, now);
    return { ok: false, reason: "locked", lock: admission.lock };
  }

  const user = await findUserCredentials(email);
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  // Platform staff sign in only at /admin/sign-in, with their second factor (decision 055): here they
  // get what a wrong password gets, so the form does not reveal who is staff.
  if (user === null || user.staff || !passwordMatches) return { ok: false, reason: "invalid-credentials" };
  await recordSignInSuccess(admission.attemptId);

  // A new session on every sign-in: whatever session the browser brought (fixation) ends here.
  if (input.presentedToken) await invalidateSessionToken(input.presentedToken);
  const session = await createUserSession(user.id, now);
  return { ok: true, userId: user.id, locale: user.locale, ...session };
}
