// Guards throw responses (DESIGN.md §4): a loader reads like a sentence.
//   requireUser(request, context)                         -> the signed-in person, or a redirect to /sign-in
//   requireMember(request, context, slug, permission?)    -> that person's membership of the hospital in
//                                                            the URL, or 404 (never 403: a non-member
//                                                            must not learn that the hospital exists);
//                                                            403 when a member lacks the permission
//   getOptionalUser(request, context)                     -> the person, or null, for pages open to all
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { StaffRole, TenantStatus } from "~db/schema";
import type { Actor } from "~db/scope.server";
import { findMyHospital } from "~/hospitals/list-my-hospitals.server";
import { forbidden, notFound } from "~/lib/http-errors";
import { recordSecurityEvent } from "~/platform/security-events.server";
import { hasPermission, isWritePermission, type Permission } from "./permissions";
import { requestPath } from "./safe-redirect";
import { getRequestSession, serializeBlankSessionCookie } from "./session.server";

export type SignedInUser = { id: string; email: string; displayName: string; locale: string };

export type Membership = {
  user: SignedInUser;
  hospital: { id: string; slug: string; name: string; status: TenantStatus };
  roles: StaffRole[];
  /** The actor for withTenant(): this user, from this request's address. */
  actor: Actor;
};

/** Slugs are lower-case letters, digits and dashes; anything else cannot name a hospital. */
const SLUG_SHAPE = /^[a-z0-9-]{1,100}$/;

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
  throw redirect(`/sign-in?${search.toString()}`, { headers });
}

export async function requireMember(
  request: Request,
  context: AppLoadContext,
  hospitalSlug: string | undefined,
  permission?: Permission,
): Promise<Membership> {
  const user = await requireUser(request, context);
  if (!hospitalSlug || !SLUG_SHAPE.test(hospitalSlug)) throw notFound();
  const hospital = await findMyHospital(user.id, hospitalSlug);
  if (!hospital) {
    await recordSecurityEvent({ kind: "not-a-member", userId: user.id, request, address: clientAddressOf(context) });
    throw notFound();
  }
  if (context.log) context.log.tenantId = hospital.id;
  const membership: Membership = {
    user,
    hospital: { id: hospital.id, slug: hospital.slug, name: hospital.name, status: hospital.status },
    roles: hospital.roles,
    actor: { kind: "user", userId: user.id, address: clientAddressOf(context) },
  };
  if (permission && !may(membership, permission)) {
    await recordSecurityEvent({ kind: "forbidden", hospitalId: hospital.id, userId: user.id, request, address: membership.actor.address });
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
 * Whether this member may do this now: their roles grant it, and, for a change, the hospital is active.
 * Billing trouble degrades a hospital to read-only (DESIGN.md §6): it keeps reading its records, but
 * nothing is written until it is active again. Pages use this to offer only what will be accepted.
 */
export function may(membership: Pick<Membership, "roles" | "hospital">, permission: Permission): boolean {
  if (!hasPermission(membership.roles, permission)) return false;
  return !isWritePermission(permission) || membership.hospital.status === "active";
}
