// The console's actions on one hospital (decision 058): suspend to read-only, reactivate, extend the
// trial, resend an invitation. Each is one platform transaction that makes the change, writes a row of
// platform_audit and the same entry into the hospital's own audit log (record_platform_action(), actor
// kind 'support'), or nothing at all. The hospital's next request reads the new status (requireMember
// reads tenants.status on every request).
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { platformAudit, tenants, type TenantStatus } from "~db/schema";
import { type PlatformTx, rowsOf, withPlatform } from "~db/scope.server";
import type { Language } from "~/i18n/config";
import { isLanguage } from "~/i18n/config";
import { i18next } from "~/i18n/i18next.server";
import { composeMail } from "~/mail/outbox.server";
import { generateInvitationToken, hashLinkToken } from "~/mail/token.server";
import { recordPlatformAudit } from "~/platform/platform-audit.server";
import { invitationLink, INVITATION_TTL_MS } from "~/staff/invitations.server";

export const TENANT_ACTIONS = ["suspend", "reactivate", "extend-trial", "resend-invitation"] as const;
export type TenantAction = (typeof TENANT_ACTIONS)[number];
export const isTenantAction = (value: unknown): value is TenantAction =>
  typeof value === "string" && (TENANT_ACTIONS as readonly string[]).includes(value);

export const MAX_TRIAL_EXTENSION_DAYS = 90;

/** Why an action changed nothing: a key of the console namespace's `actions.refused`. */
export type ActionRefusal = "notFound" | "alreadyReadOnly" | "notSuspended" | "badDays" | "invitationGone" | "notOnboardedYet";

export type ActionResult = { ok: true; action: TenantAction } | { ok: false; refusal: ActionRefusal };

export type Acting = { staffUserId: string; staffName: string; address: string | null; origin: string };

/** The statuses a hospital may be suspended from; reactivating returns it to the one it left. */
const SUSPENDABLE: readonly TenantStatus[] = ["onboarding", "trial", "active"];

async function lockHospital(p: PlatformTx, id: string) {
  const [row] = await p.db
    .select({ id: tenants.id, name: tenants.name, status: tenants.status, trialEndsAt: tenants.trialEndsAt })
    .from(tenants)
    .where(and(eq(tenants.id, id), isNull(tenants.trainingOf), isNull(tenants.archivedAt)))
    .for("update");
  return row ?? null;
}

/** Both audit trails, in the action's transaction. */
async function audit(p: PlatformTx, acting: Acting, hospitalId: string, action: string, details: Record<string, unknown>) {
  await recordPlatformAudit(p, { staffUserId: acting.staffUserId, action, hospitalId, details });
  await p.db.execute(
    sql`select record_platform_action(${hospitalId}::uuid, ${acting.staffUserId}::uuid, ${action}, ${JSON.stringify(details)}::jsonb, ${acting.address ?? ""})`,
  );
}

export async function suspendHospital(id: string, acting: Acting): Promise<ActionResult> {
  return withPlatform("console: suspend a hospital to read-only", async (p) => {
    const hospital = await lockHospital(p, id);
    if (!hospital) return { ok: false, refusal: "notFound" };
    if (!SUSPENDABLE.includes(hospital.status)) return { ok: false, refusal: "alreadyReadOnly" };
    await p.db.update(tenants).set({ status: "read_only" }).where(eq(tenants.id, id));
    await audit(p, acting, id, "console.suspend", { from: hospital.status, to: "read_only" });
    return { ok: true, action: "suspend" };
  });
}

export async function reactivateHospital(id: string, acting: Acting): Promise<ActionResult> {
  return withPlatform("console: reactivate a hospital", async (p) => {
    const hospital = await lockHospital(p, id);
    if (!hospital) return { ok: false, refusal: "notFound" };
    if (hospital.status !== "read_only" && hospital.status !== "suspended") return { ok: false, refusal: "notSuspended" };
    // Back to where the last suspension found it; a hospital suspended some other way goes to active.
    const [last] = await p.db
      .select({ details: platformAudit.details })
      .from(platformAudit)
      .where(and(eq(platformAudit.hospitalId, id), eq(platformAudit.action, "console.suspend")))
      .orderBy(desc(platformAudit.id))
      .limit(1);
    const from = last?.details?.from;
    const to: TenantStatus = typeof from === "string" && SUSPENDABLE.includes(from as TenantStatus) ? (from as TenantStatus) : "active";
    await p.db.update(tenants).set({ status: to }).where(eq(tenants.id, id));
    await audit(p, acting, id, "console.reactivate", { from: hospital.status, to });
    return { ok: true, action: "reactivate" };
  });
}

/** Reads "+N days" from a form: a whole number from 1 to 90, or null. */
export function parseTrialDays(value: unknown): number | null {
  if (typeof value !== "string" || !/^\d{1,3}$/.test(value.trim())) return null;
  const days = Number(value.trim());
  return days >= 1 && days <= MAX_TRIAL_EXTENSION_DAYS ? days : null;
}

export async function extendTrial(id: string, days: number, acting: Acting, now = new Date()): Promise<ActionResult> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_TRIAL_EXTENSION_DAYS) return { ok: false, refusal: "badDays" };
  return withPlatform("console: extend a hospital's trial", async (p) => {
    const hospital = await lockHospital(p, id);
    if (!hospital) return { ok: false, refusal: "notFound" };
    // From the later of now and the current end: an expired trial restarts from today.
    const base = hospital.trialEndsAt && hospital.trialEndsAt > now ? hospital.trialEndsAt : now;
    const until = new Date(base.getTime() + days * 86_400_000);
    await p.db.update(tenants).set({ trialEndsAt: until }).where(eq(tenants.id, id));
    await audit(p, acting, id, "console.extend-trial", { days, from: hospital.trialEndsAt?.toISOString() ?? null, to: until.toISOString() });
    return { ok: true, action: "extend-trial" };
  });
}

/**
 * A pending invitation gets a new link (the old one stops working: only a token's hash is kept) and its
 * message is queued again, in the invitee's language, under the hospital (reissue_invitation()).
 */
export async function resendInvitation(id: string, invitationId: string, acting: Acting, now = new Date()): Promise<ActionResult> {
  return withPlatform("console: resend an invitation", async (p) => {
    const hospital = await lockHospital(p, id);
    if (!hospital) return { ok: false, refusal: "notFound" };
    const pending = rowsOf<{ id: string; email: string; display_name: string; role: string }>(
      await p.db.execute(sql`select id, email, display_name, role from pending_invitations(${id}::uuid)`),
    ).find((i) => i.id === invitationId);
    if (!pending) return { ok: false, refusal: "invitationGone" };
    const token = generateInvitationToken(id);
    const locale: Language = "vi";
    const roleName = (await i18next.getFixedT(locale, "setup"))(`roles.${pending.role}` as never, { defaultValue: pending.role }) as string;
    const mail = await composeMail(locale, "invite", {
      name: pending.display_name,
      inviter: acting.staffName,
      hospital: hospital.name,
      role: roleName,
      link: invitationLink(acting.origin, token),
    });
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const [sent] = rowsOf<{ email: string; locale: string }>(
      await p.db.execute(
        sql`select email, locale from reissue_invitation(${id}::uuid, ${invitationId}::uuid, ${acting.staffUserId}::uuid, ${hashLinkToken(token)}, ${expiresAt.toISOString()}::timestamptz, ${mail.subject}, ${mail.bodyText})`,
      ),
    );
    if (!sent) return { ok: false, refusal: "invitationGone" };
    // The invitee's address is not the hospital's patient data, but the audit keeps only the role and expiry.
    await audit(p, acting, id, "console.resend-invitation", { invitation: invitationId, role: pending.role, expiresAt: expiresAt.toISOString(), locale: isLanguage(sent.locale) ? sent.locale : "vi" });
    return { ok: true, action: "resend-invitation" };
  });
}
