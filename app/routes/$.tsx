// Any address no other route claims: a 404 that the root ErrorBoundary renders in the person's language.
// The default export must exist, or Remix would treat this as a resource route and send a bare 404.
function notFound(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export function loader() {
  return notFound();
}

export function action() {
  return notFound();
}

export default function NotFound() {
  return null;
}
