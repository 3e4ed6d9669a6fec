// Accepting an invitation (issue 7): the invitee's account (if new: their own password), their
// membership with the invited role, and the invitation marked accepted, in ONE transaction across the
// identity, platform and hospital scopes (as sign-up, decision 031). A person who already has an
// account signs in first and accepts as themselves.
import { and, eq, gt } from "drizzle-orm";
import { invitations, memberships, platformStaff, tenants, userCredentials, users, type StaffRole } from "~db/schema";
import { systemActor, withIdentity, withPlatform, withTenant } from "~db/scope.server";
import { hashLinkToken, tenantOfInvitationToken } from "~/mail/token.server";
import { hashPassword } from "./password.server";
import { createUserSession } from "./session.server";

export type InvitationSummary = {
  hospitalName: string;
  hospitalSlug: string;
  name: string;
  email: string;
  role: string;
  /** The invited e-mail already has an account: sign in and accept, no new password. */
  hasAccount: boolean;
};

async function findPending(token: string, now: Date) {
  const tenantId = tenantOfInvitationToken(token);
  if (!tenantId) return null;
  const tokenHash = hashLinkToken(token);
  // The invitation is the hospital's row: read under its row-level security, by the token's hash.
  const [row] = await withTenant(tenantId, systemActor("invitation link"), (t) =>
    t.db
      .select({ id: invitations.id, email: invitations.email, name: invitations.displayName, role: invitations.role })
      .from(invitations)
      .where(and(eq(invitations.tenantId, t.tenantId), eq(invitations.tokenHash, tokenHash), eq(invitations.status, "pending"), gt(invitations.expiresAt, now))),
  );
  if (!row) return null;
  return withPlatform("find an invitation's hospital and account", async (p) => {
    const [hospital] = await p.db.select({ name: tenants.name, slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId));
    const [account] = await p.db
      .select({ id: users.id, staffId: platformStaff.userId })
      .from(users)
      .leftJoin(platformStaff, eq(platformStaff.userId, users.id))
      .where(eq(users.email, row.email));
    // An invitation made before the address became platform staff's: staff never join a hospital
    // (decision 055), so the link is as good as gone.
    if (account?.staffId) return null;
    return { ...row, tenantId, hospitalName: hospital!.name, hospitalSlug: hospital!.slug, accountId: account?.id ?? null };
  });
}

export async function readInvitation(token: string, now = new Date()): Promise<InvitationSummary | null> {
  const found = await findPending(token, now);
  if (!found) return null;
  return { hospitalName: found.hospitalName, hospitalSlug: found.hospitalSlug, name: found.name, email: found.email, role: found.role, hasAccount: found.accountId !== null };
}

export type AcceptResult =
  | { ok: true; hospitalSlug: string; userId: string; token: string | null }
  | { ok: false; reason: "invalid" | "has-account" | "wrong-person" };

/**
 * New account: `password` set, `signedInUserId` null. Existing account: `signedInUserId` must be the
 * invited e-mail's account. The invitation is taken under a row lock, so a link is used once.
 */
export async function acceptInvitation(
  token: string,
  who: { password: string | null; signedInUserId: string | null; address: string; locale: string },
  now = new Date(),
): Promise<AcceptResult> {
  const found = await findPending(token, now);
  if (!found) return { ok: false, reason: "invalid" };
  if (found.accountId && found.accountId !== who.signedInUserId) return { ok: false, reason: who.signedInUserId ? "wrong-person" : "has-account" };
  if (!found.accountId && (who.signedInUserId || !who.password)) return { ok: false, reason: who.signedInUserId ? "wrong-person" : "invalid" };
  const passwordHash = found.accountId ? null : await hashPassword(who.password!);

  const result = await withIdentity("accept an invitation", async (i) => {
    let userId = found.accountId;
    if (!userId) {
      const [existing] = await i.db.select({ id: users.id }).from(users).where(eq(users.email, found.email));
      if (existing) return { ok: false as const, reason: "has-account" as const };
      const [created] = await i.db
        .insert(users)
        .values({ email: found.email, displayName: found.name, locale: who.locale === "en" ? "en" : "vi" })
        .returning({ id: users.id });
      userId = created!.id;
      await i.db.insert(userCredentials).values({ userId, passwordHash: passwordHash! });
    }
    const acceptedBy = userId;
    return i.continueAsPlatform("accept an invitation", (p) =>
      p.continueAsTenant(found.tenantId, { kind: "user", userId: acceptedBy, address: who.address }, async (t) => {
        const [taken] = await t.db
          .update(invitations)
          .set({ status: "accepted", acceptedBy, acceptedAt: now })
          .where(and(eq(invitations.tenantId, t.tenantId), eq(invitations.id, found.id), eq(invitations.status, "pending")))
          .returning({ role: invitations.role });
        // Someone used the link a moment ago: undo the account made above.
        if (!taken) throw new InvitationGone();
        await t.db
          .insert(memberships)
          .values({ tenantId: t.tenantId, userId: acceptedBy, roles: [taken.role as StaffRole] })
          .onConflictDoNothing();
        return { ok: true as const, userId: acceptedBy };
      }),
    );
  }).catch((error: unknown) => {
    if (error instanceof InvitationGone) return { ok: false as const, reason: "invalid" as const };
    throw error;
  });
  if (!result.ok) return result;
  const session = found.accountId ? null : await createUserSession(result.userId, now);
  return { ok: true, hospitalSlug: found.hospitalSlug, userId: result.userId, token: session?.token ?? null };
}

class InvitationGone extends Error {}
