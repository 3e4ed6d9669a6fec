// The answers that guards and routes throw, in one place; the root ErrorBoundary renders each in the
// person's language (app/locales/*/errors.json).
export function notFound(): Response {
  return new Response(null, { status: 404, statusText: "Not Found" });
}

export function forbidden(): Response {
  return new Response(null, { status: 403, statusText: "Forbidden" });
}

/** A request that cannot be read (a broken form, a NUL byte), or one our own pages never send (a form
 * without its hidden fields): refused, nothing changed. */
export function badRequest(): Response {
  return new Response(null, { status: 400, statusText: "Bad Request" });
}

/** A body that is not a form, sent to a form's action. */
export function unsupportedMediaType(): Response {
  return new Response(null, { status: 415, statusText: "Unsupported Media Type" });
}

export const HOSPITAL_SUSPENDED = "hospitalSuspended";

/** A member of a suspended hospital: locked out, told why (docs/decisions/012-suspended-hospitals.md). */
export function hospitalSuspended(): Response {
  // A JSON body reaches the error boundary as `error.data` (a Response, not data(): the browser imports this file).
  return new Response(JSON.stringify({ reason: HOSPITAL_SUSPENDED }), {
    status: 403,
    statusText: "Forbidden",
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
}
