// Guards throw responses (docs/architecture.md §4): a loader reads like a sentence.
//   requireUser(request, context)                         -> the signed-in person, or a redirect to /sign-in
//   requireMember(request, context, slug, permission?)    -> that person's membership of the hospital in
//                                                            the URL, or 404 (never 403: a non-member
//                                                            must not learn that the hospital exists);
//                                                            403 when a member lacks the permission.
//                                                            The member runs its work with member.tx(fn):
//                                                            the tenant and actor come from the door,
//                                                            never from the route; in an action it
//                                                            opens only after a write permission check.
//   getOptionalUser(request, context)                     -> the person, or null, for pages open to all
//
// Support access (decision 059): a request with no membership of the hospital but a complete staff
// session (app/auth/staff-session.server.ts) and an active support grant for that hospital gets a
// Membership whose actor is {kind: "support", userId: the staff member}, with the grant's permissions
// and `support` set (the layout's banner). The grant is looked up on every request, never cached across
// requests, and the database checks it again in every support transaction (app_tenant_id()).
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { StaffRole, TenantStatus } from "~db/schema";
import { withTenant, type Actor, type TenantTx } from "~db/scope.server";
import { HOSPITAL_SLUG } from "~/hospitals/hospital-slug";
import { findMyHospital, type MyMembership } from "~/hospitals/list-my-hospitals.server";
import { forbidden, hospitalSuspended, notFound } from "~/lib/http-errors";
import { recordSecurityEvent } from "~/platform/security-events.server";
import { findActiveSupportGrant, type ActiveSupportGrant } from "~/support/grants.server";
import { getStaffSession, type StaffMember } from "./staff-session.server";
import { ACCESS_POLICY, allows, opensInAction, type Permission } from "./permissions";
import { requestPath } from "./safe-redirect";
import { getRequestSession, serializeBlankSessionCookie } from "./session.server";
import { SIGN_IN_EXPIRED_PARAM } from "./session-timing";

export type SignedInUser = { id: string; email: string; displayName: string; locale: string };

export type Membership = {
  user: SignedInUser;
  hospital: {
    id: string;
    slug: string;
    name: string;
    status: TenantStatus;
    /** The real hospital this is a practice copy of; null for a real hospital (decision 043). */
    trainingOf: string | null;
    /** In a real hospital: the slug of its live practice copy, when this person is a member of it. */
    practiceSlug: string | null;
    /** In a practice copy: the real hospital's slug. */
    trainingOfSlug: string | null;
  };
  /** Codes of the member's roles in this hospital. */
  roles: StaffRole[];
  /** What those roles hold (active roles only), resolved by the membership lookup itself (decision 038). */
  permissions: readonly string[];
  /** How many hospitals this person belongs to in all. */
  hospitalCount: number;
  /** Who acts in member.tx(): this user, from this request's address. */
  actor: Actor;
  /** Runs `fn` in one transaction on this hospital's data, as this member (withTenant, docs/architecture.md §2). */
  tx<T>(fn: (t: TenantTx) => Promise<T>): Promise<T>;
  /** Set when a platform staff member works here under a support grant (decision 059); `user` is the staff member. */
  support?: { staffName: string; until: string; grantId: string };
};

/** Methods that do not change anything; every other one reaches an action. */
const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** The client's address; "unknown" when the server did not provide one. */
export function clientAddressOf(context: AppLoadContext): string {
  const address = (context as { clientAddress?: unknown }).clientAddress;
  return typeof address === "string" && address.length > 0 ? address : "unknown";
}

function recordLogUser(context: AppLoadContext, userId: string): void {
  if (context.log) context.log.userId = userId;
}

/**
 * The signed-in person, or null. `headers` blanks a cookie that names no live session (forged,
 * expired, signed out elsewhere); send them with the response.
 */
export async function getOptionalUser(
  request: Request,
  context: AppLoadContext,
): Promise<{ user: SignedInUser | null; headers: Headers }> {
  const result = await getRequestSession(request, context);
  const headers = new Headers();
  if (result.clearCookie) headers.append("Set-Cookie", serializeBlankSessionCookie());
  if (result.user) recordLogUser(context, result.user.id);
  return { user: result.user, headers };
}

export async function requireUser(request: Request, context: AppLoadContext): Promise<SignedInUser> {
  const { user, headers } = await getOptionalUser(request, context);
  if (user) return user;
  const search = new URLSearchParams({ redirectTo: requestPath(request) });
  // A cookie that names no live session: most often one that ran out while the person worked.
  if (headers.has("Set-Cookie")) search.set(SIGN_IN_EXPIRED_PARAM, "1");
  throw redirect(`/sign-in?${search.toString()}`, { headers });
}

// One membership lookup per HTTP request: the layout's and the page's loaders both ask, in parallel.
// Remix creates the load context once per request and hands the same object to every loader and the
// action, so it keys the cache (as the session lookup in session.server.ts does).
const membershipLookups = new WeakMap<object, Map<string, Promise<MyMembership | null>>>();

async function findMembershipOnce(request: Request, context: AppLoadContext, userId: string, slug: string): Promise<MyMembership | null> {
  // Usually already read with the session, in its transaction (session.server.ts).
  const { membership } = await getRequestSession(request, context);
  if (membership && membership.slug === slug && membership.userId === userId) return membership.hospital;
  let perRequest = membershipLookups.get(context);
  if (!perRequest) membershipLookups.set(context, (perRequest = new Map()));
  const key = `${userId} ${slug}`;
  let lookup = perRequest.get(key);
  if (!lookup) {
    lookup = findMyHospital(userId, slug);
    perRequest.set(key, lookup);
    // A failed lookup is not remembered: the next loader asks the database again.
    lookup.catch(() => perRequest.delete(key));
  }
  return lookup;
}

/** Requests (by their load context) whose refused stranger is already recorded as a security event. */
const refusedStrangers = new WeakSet<object>();

export async function requireMember(
  request: Request,
  context: AppLoadContext,
  hospitalSlug: string | undefined,
  permission?: Permission,
): Promise<Membership> {
  const { user, headers } = await getOptionalUser(request, context);
  const slug = hospitalSlug && HOSPITAL_SLUG.test(hospitalSlug) ? hospitalSlug : null;
  const hospital = user && slug ? await findMembershipOnce(request, context, user.id, slug) : null;
  if (!hospital) {
    // No membership: a staff member under an active support grant, or nobody.
    const support = slug ? await findSupportAccessOnce(request, context, slug) : null;
    if (support?.grant) return supportMembership(request, context, { staff: support.staff, grant: support.grant }, permission);
    if (!user && !support) throw signInRedirect(request, headers);
    if (!slug) throw notFound();
    // A stranger, or a staff member without an active grant (none, expired, revoked): the same 404.
    // Once per request: the layout's and the page's loaders both reach this for the same refusal.
    if (!refusedStrangers.has(context)) {
      refusedStrangers.add(context);
      await recordSecurityEvent({ kind: "not-a-member", userId: user?.id ?? support!.staff.id, request, address: clientAddressOf(context) });
    }
    throw notFound();
  }
  if (context.log) context.log.tenantId = hospital.id;
  // Suspended: members are locked out, reads included; the data is kept (decision 012).
  // An archived practice copy is locked the same way (decision 043).
  if (hospital.status === "suspended" || hospital.archived) throw hospitalSuspended();
  const actor: Actor = { kind: "user", userId: user!.id, address: clientAddressOf(context) };
  const membership: Membership = {
    user: user!,
    hospital: {
      id: hospital.id,
      slug: hospital.slug,
      name: hospital.name,
      status: hospital.status,
      trainingOf: hospital.trainingOf,
      practiceSlug: hospital.practiceSlug,
      trainingOfSlug: hospital.trainingOfSlug,
    },
    roles: hospital.roles,
    permissions: hospital.permissions,
    hospitalCount: hospital.hospitalCount,
    actor,
    tx: memberTx(request, hospital.id, actor, permission),
  };
  if (permission && !may(membership, permission)) {
    await recordSecurityEvent({ kind: "forbidden", hospitalId: hospital.id, userId: user!.id, request, address: membership.actor.address });
    throw forbidden();
  }
  return membership;
}

function signInRedirect(request: Request, headers: Headers): Response {
  const search = new URLSearchParams({ redirectTo: requestPath(request) });
  // A cookie that names no live session: most often one that ran out while the person worked.
  if (headers.has("Set-Cookie")) search.set(SIGN_IN_EXPIRED_PARAM, "1");
  return redirect(`/sign-in?${search.toString()}`, { headers });
}

function memberTx(request: Request, hospitalId: string, actor: Actor, permission: Permission | undefined): Membership["tx"] {
  return (fn) => {
    // A request that changes something (an action) may only open the hospital's data when the door
    // checked a write permission: that is what makes a read-only hospital refuse it. The one kind of
    // read that may is a request for an export (opensInAction, decision 053).
    if (!SAFE_METHODS.has(request.method.toUpperCase()) && !(permission && opensInAction(permission))) {
      return Promise.reject(new Error(`member.tx: a ${request.method} must pass requireMember a write permission`));
    }
    return withTenant(hospitalId, actor, fn);
  };
}

type SupportAccess = { staff: StaffMember; grant: ActiveSupportGrant };

/**
 * This request's support access to the hospital `slug` names, looked up once per request (never across
 * requests): null without a complete staff session; `grant` null when the staff member has no active grant.
 */
const supportLookups = new WeakMap<object, Map<string, Promise<{ staff: StaffMember; grant: ActiveSupportGrant | null } | null>>>();

function findSupportAccessOnce(request: Request, context: AppLoadContext, slug: string): Promise<{ staff: StaffMember; grant: ActiveSupportGrant | null } | null> {
  let perRequest = supportLookups.get(context);
  if (!perRequest) supportLookups.set(context, (perRequest = new Map()));
  let lookup = perRequest.get(slug);
  if (!lookup) {
    lookup = (async () => {
      const session = await getStaffSession(request, context);
      if (session.state !== "signed-in") return null;
      return { staff: session.staff, grant: await findActiveSupportGrant(session.staff.id, slug) };
    })();
    perRequest.set(slug, lookup);
    lookup.catch(() => perRequest.delete(slug));
  }
  return lookup;
}

/** Requests (by their load context) whose support page view is already in the hospital's audit log. */
const supportViewsRecorded = new WeakMap<object, Promise<void>>();

async function supportMembership(request: Request, context: AppLoadContext, access: SupportAccess, permission: Permission | undefined): Promise<Membership> {
  const { staff, grant } = access;
  if (context.log) {
    context.log.tenantId = grant.hospital.id;
    context.log.userId = staff.id;
  }
  // A suspended hospital is closed to support as to its members (the database refuses it too).
  if (grant.hospital.status === "suspended" || grant.hospital.archived) throw hospitalSuspended();
  const actor: Actor = { kind: "support", userId: staff.id, address: clientAddressOf(context) };
  const membership: Membership = {
    user: { id: staff.id, email: staff.email, displayName: staff.displayName, locale: staff.locale },
    hospital: {
      id: grant.hospital.id,
      slug: grant.hospital.slug,
      name: grant.hospital.name,
      status: grant.hospital.status as TenantStatus,
      trainingOf: grant.hospital.trainingOf,
      practiceSlug: null,
      trainingOfSlug: null,
    },
    roles: [],
    permissions: grant.permissions,
    hospitalCount: 0,
    actor,
    tx: memberTx(request, grant.hospital.id, actor, permission),
    support: { staffName: staff.displayName, until: grant.expiresAt.toISOString(), grantId: grant.grantId },
  };
  // Every page viewed under support access lands in the hospital's own audit log, once per request,
  // before anything is shown. The database checks the grant again: if it ended in between, the entry is
  // refused and so is the request.
  let recorded = supportViewsRecorded.get(context);
  if (!recorded) {
    const path = new URL(request.url).pathname.replace(/\.data$/, "");
    recorded = withTenant(grant.hospital.id, actor, async (t) => {
      t.audit({ action: "support.view", entityType: "support_grants", entityId: grant.grantId, details: { path, method: request.method.toUpperCase() } });
    });
    supportViewsRecorded.set(context, recorded);
  }
  try {
    await recorded;
  } catch {
    throw notFound();
  }
  if (permission && !may(membership, permission)) {
    await recordSecurityEvent({ kind: "forbidden", hospitalId: grant.hospital.id, userId: staff.id, request, address: actor.address });
    throw forbidden();
  }
  return membership;
}

/**
 * The 404 for a record id this member's hospital does not have (another hospital's patient, a guessed
 * id): recorded as a security event, then thrown like any not-found.
 */
export async function notFoundInHospital(request: Request, member: Membership): Promise<Response> {
  await recordSecurityEvent({ kind: "tenant-lookup-miss", hospitalId: member.hospital.id, userId: member.user.id, request, address: member.actor.address });
  return notFound();
}

/**
 * Whether this member may do this now: their roles hold it, and the hospital's state allows its kind
 * (see permissions.ts). Pages use this to offer only what will be accepted.
 */
export function may(membership: Pick<Membership, "permissions" | "hospital">, permission: Permission): boolean {
  return allows(ACCESS_POLICY, { permissions: membership.permissions, status: membership.hospital.status }, permission);
}
