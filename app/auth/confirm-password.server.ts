// Re-confirming a signed-in person's password for an act that needs it (signing a visit). Throttled with
// sign-in's own counters (decision 011): five wrong passwords lock the account as five wrong sign-ins
// would, so the confirmation cannot be used to guess a password faster than the sign-in page allows.
import { eq } from "drizzle-orm";
import { userCredentials, users } from "~db/schema";
import { withIdentity } from "~db/scope.server";
import { verifyPassword } from "./password.server";
import { admitSignInAttempt, emailKeyOf, recordSignInSuccess, type SignInLock } from "./sign-in-throttle.server";

export type PasswordConfirmation = { ok: true } | { ok: false; reason: "wrong-password" } | { ok: false; reason: "locked"; lock: SignInLock };

export async function confirmPassword(userId: string, password: string, address: string, now = new Date()): Promise<PasswordConfirmation> {
  const [user] = await withIdentity("confirm a signed-in person's password", (i) =>
    i.db
      .select({ email: users.email, passwordHash: userCredentials.passwordHash })
      .from(users)
      .innerJoin(userCredentials, eq(userCredentials.userId, users.id))
      .where(eq(users.id, userId)),
  );
  if (!user) return { ok: false, reason: "wrong-password" };
  const admission = await admitSignInAttempt(emailKeyOf(user.email), address, now);
  if (!admission.admitted) return { ok: false, reason: "locked", lock: admission.lock };
  if (!password || !(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: "wrong-password" };
  await recordSignInSuccess(admission.attemptId);
  return { ok: true };
}
