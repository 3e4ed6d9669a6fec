// Any address no other route claims: a 404 that the root ErrorBoundary renders in the person's language.
// The default export must exist, or Remix would treat this as a resource route and send a bare 404.
import { notFound } from "~/lib/http-errors";

export function loader(): never {
  throw notFound();
}

export function action(): never {
  throw notFound();
}

export default function NotFound() {
  return null;
}
