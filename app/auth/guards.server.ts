// Guards throw responses (DESIGN.md §4): a loader reads like a sentence.
//   requireUser(request, context)                         -> the signed-in person, or a redirect to /sign-in
//   requireMember(request, context, slug, permission?)    -> that person's membership of the hospital in
//                                                            the URL, or 404 (never 403: a non-member
//                                                            must not learn that the hospital exists)
// TODO(auth helper): implement with app/auth/session.server.ts.
import type { AppLoadContext } from "@remix-run/node";
import type { StaffRole, TenantStatus } from "~db/schema";
import type { Actor } from "~db/scope.server";
import type { Permission } from "./permissions";

export type SignedInUser = { id: string; email: string; displayName: string; locale: string };

export type Membership = {
  user: SignedInUser;
  hospital: { id: string; slug: string; name: string; status: TenantStatus };
  roles: StaffRole[];
  /** The actor for withTenant(): this user, from this request's address. */
  actor: Actor;
};

export async function requireUser(_request: Request, _context: AppLoadContext): Promise<SignedInUser> {
  throw new Error("not implemented");
}

export async function requireMember(
  _request: Request,
  _context: AppLoadContext,
  _hospitalSlug: string | undefined,
  _permission?: Permission,
): Promise<Membership> {
  throw new Error("not implemented");
}
