// The answers that guards and routes throw, in one place; the root ErrorBoundary renders each in the
// person's language (app/locales/*/errors.json).
export function notFound(): Response {
  return new Response(null, { status: 404, statusText: "Not Found" });
}

export function forbidden(): Response {
  return new Response(null, { status: 403, statusText: "Forbidden" });
}

/** A request our own pages never send (a form without its hidden fields): refused, nothing changed. */
export function badRequest(): Response {
  return new Response(null, { status: 400, statusText: "Bad Request" });
}
