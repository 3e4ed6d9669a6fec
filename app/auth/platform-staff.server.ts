// Platform staff accounts (decision 055): a `users` identity plus a platform_staff row, written together
// in the identity scope. The TOTP secret is set at the first sign-in's enrolment, not here. What owners
// change in the console (/admin/staff) is written here, with its platform audit entry (decision 056) in
// the same transaction (continueAsPlatform): a change without its entry cannot commit.
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { platformStaff, staffSessions, userCredentials, users, type PlatformStaffRole } from "~db/schema";
import { type IdentityTx, withIdentity } from "~db/scope.server";
import { recordPlatformAudit } from "~/platform/platform-audit.server";
import { hashPassword } from "./password.server";

export type NewPlatformStaff = {
  email: string;
  displayName: string;
  password: string;
  role: PlatformStaffRole;
  locale?: "vi" | "en";
};

export class StaffEmailTaken extends Error {
  constructor() {
    super("a person with this e-mail address already exists");
  }
}

/** What the console's staff changes refuse; the page translates `admin:staff.errors.<reason>`. */
export type PlatformStaffRefusal = "lastOwner" | "self" | "notFound";

export class PlatformStaffRuleError extends Error {
  readonly reason: PlatformStaffRefusal;
  constructor(reason: PlatformStaffRefusal) {
    super(`platform staff change refused: ${reason}`);
    this.reason = reason;
  }
}

/** A one-time password for a new staff account ("k7d2-m9xq-4ab3-zt6w", 80 random bits), shown once. */
export function generateStaffPassword(): string {
  const text = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
  return text.match(/.{4}/g)!.join("-");
}

/** Who acts on staff accounts: an owner in the console, or the command line (the new account itself). */
export type StaffActor = { staffUserId: string } | "command";

/**
 * Creates a staff account. An e-mail address that already names anyone (a hospital user included) is
 * refused: staff accounts are separate from hospital accounts.
 */
export async function createPlatformStaff(input: NewPlatformStaff, by?: StaffActor): Promise<{ id: string; email: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return withIdentity("create a platform staff account", async (i) => {
    const [existing] = await i.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) throw new StaffEmailTaken();
    const [row] = await i.db
      .insert(users)
      .values({ email, displayName: input.displayName.trim(), locale: input.locale ?? "vi" })
      .returning({ id: users.id, email: users.email });
    await i.db.insert(userCredentials).values({ userId: row!.id, passwordHash });
    await i.db.insert(platformStaff).values({ userId: row!.id, role: input.role });
    if (by) {
      await i.continueAsPlatform("audit a new staff account", (p) =>
        recordPlatformAudit(p, {
          staffUserId: by === "command" ? row!.id : by.staffUserId,
          action: "staff.create",
          details: { userId: row!.id, email, role: input.role, ...(by === "command" ? { via: "command" } : {}) },
        }),
      );
    }
    return row!;
  });
}

export type PlatformStaffView = {
  id: string;
  email: string;
  displayName: string;
  role: PlatformStaffRole;
  active: boolean;
  enrolled: boolean;
  recoveryCodesLeft: number;
  createdAt: Date;
};

/** Every staff account, active ones first, by name. */
export async function listPlatformStaff(): Promise<PlatformStaffView[]> {
  const rows = await withIdentity("list platform staff", (i) =>
    i.db
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        role: platformStaff.role,
        active: platformStaff.active,
        enrolledAt: platformStaff.totpEnrolledAt,
        hashes: platformStaff.recoveryCodeHashes,
        createdAt: platformStaff.createdAt,
      })
      .from(platformStaff)
      .innerJoin(users, eq(users.id, platformStaff.userId))
      .orderBy(asc(users.displayName), asc(users.email)),
  );
  return rows
    .map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.displayName,
      role: r.role,
      active: r.active,
      enrolled: r.enrolledAt !== null,
      recoveryCodesLeft: r.hashes.length,
      createdAt: r.createdAt,
    }))
    .sort((a, b) => Number(b.active) - Number(a.active));
}

/** The target's row, locked; and, when the change could leave no active owner, every active owner's. */
async function lockTarget(i: IdentityTx, userId: string) {
  const [row] = await i.db
    .select({ role: platformStaff.role, active: platformStaff.active, email: users.email })
    .from(platformStaff)
    .innerJoin(users, eq(users.id, platformStaff.userId))
    .where(eq(platformStaff.userId, userId))
    .for("update", { of: platformStaff });
  if (!row) throw new PlatformStaffRuleError("notFound");
  return row;
}

async function isLastActiveOwner(i: IdentityTx, userId: string): Promise<boolean> {
  const others = await i.db
    .select({ id: platformStaff.userId })
    .from(platformStaff)
    .where(and(eq(platformStaff.role, "owner"), eq(platformStaff.active, true), ne(platformStaff.userId, userId)))
    .for("update");
  return others.length === 0;
}

async function audit(i: IdentityTx, by: { staffUserId: string }, action: string, details: Record<string, unknown>) {
  await i.continueAsPlatform(`audit ${action}`, (p) => recordPlatformAudit(p, { staffUserId: by.staffUserId, action, details }));
}

/** Changes a staff member's role; the last active owner stays an owner. */
export async function changePlatformStaffRole(by: { staffUserId: string }, userId: string, role: PlatformStaffRole): Promise<void> {
  await withIdentity("change a staff member's role", async (i) => {
    const target = await lockTarget(i, userId);
    if (target.role === role) return;
    if (target.role === "owner" && target.active && (await isLastActiveOwner(i, userId))) throw new PlatformStaffRuleError("lastOwner");
    await i.db.update(platformStaff).set({ role }).where(eq(platformStaff.userId, userId));
    await audit(i, by, "staff.role", { userId, email: target.email, from: target.role, to: role });
  });
}

/**
 * Deactivates a staff member (their sessions end in the same transaction: the next request is signed
 * out), or reactivates one. An owner cannot deactivate themselves, nor the last active owner.
 */
export async function setPlatformStaffActive(by: { staffUserId: string }, userId: string, active: boolean): Promise<void> {
  await withIdentity(active ? "reactivate a staff member" : "deactivate a staff member", async (i) => {
    const target = await lockTarget(i, userId);
    if (target.active === active) return;
    if (!active && userId === by.staffUserId) throw new PlatformStaffRuleError("self");
    if (!active && target.role === "owner" && (await isLastActiveOwner(i, userId))) throw new PlatformStaffRuleError("lastOwner");
    await i.db.update(platformStaff).set({ active }).where(eq(platformStaff.userId, userId));
    if (!active) await i.db.delete(staffSessions).where(eq(staffSessions.userId, userId));
    await audit(i, by, active ? "staff.reactivate" : "staff.deactivate", { userId, email: target.email });
  });
}

/**
 * Resets a staff member's two-factor: secret, used step and recovery codes go, their sessions end, and
 * their next sign-in enrols again (a lost phone).
 */
export async function resetPlatformStaffTwoFactor(by: { staffUserId: string }, userId: string): Promise<void> {
  await withIdentity("reset a staff member's two-factor", async (i) => {
    const target = await lockTarget(i, userId);
    await i.db
      .update(platformStaff)
      .set({ totpSecret: null, totpEnrolledAt: null, totpLastStep: null, recoveryCodeHashes: [] })
      .where(eq(platformStaff.userId, userId));
    await i.db.delete(staffSessions).where(eq(staffSessions.userId, userId));
    await audit(i, by, "staff.reset-two-factor", { userId, email: target.email });
  });
}

/**
 * The demo's owner account (npm run demo; never in production data): enrolled with a fixed, published
 * TOTP secret so that someone trying the demo can add it to an authenticator app. Idempotent.
 */
export async function ensureDemoPlatformOwner(input: Omit<NewPlatformStaff, "role"> & { totpSecret: string }): Promise<{ id: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await withIdentity("find the demo staff owner", (i) =>
    i.db
      .select({ id: users.id, staff: platformStaff.userId })
      .from(users)
      .leftJoin(platformStaff, eq(platformStaff.userId, users.id))
      .where(eq(users.email, email)),
  );
  if (existing && !existing.staff) throw new StaffEmailTaken();
  const id = existing?.id ?? (await createPlatformStaff({ ...input, role: "owner" }, "command")).id;
  await withIdentity("enrol the demo staff owner", (i) =>
    i.db
      .update(platformStaff)
      .set({ totpSecret: input.totpSecret, totpEnrolledAt: new Date() })
      .where(and(eq(platformStaff.userId, id), isNull(platformStaff.totpEnrolledAt))),
  );
  return { id, created: !existing };
}

/** Whether an e-mail address belongs to platform staff (hospital invitations refuse it). */
export async function isPlatformStaffEmail(email: string): Promise<boolean> {
  const [row] = await withIdentity("is this e-mail platform staff", (i) =>
    i.db
      .select({ id: platformStaff.userId })
      .from(platformStaff)
      .innerJoin(users, eq(users.id, platformStaff.userId))
      .where(eq(users.email, email.trim().toLowerCase())),
  );
  return Boolean(row);
}
