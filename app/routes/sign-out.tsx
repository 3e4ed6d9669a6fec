// Sign-out is a POST (a link or an image on another page must not sign anyone out); GET just goes home.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { invalidateSessionToken, readSessionToken, serializeBlankSessionCookie } from "~/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const token = readSessionToken(request);
  if (token) await invalidateSessionToken(token);
  return redirect("/sign-in", { headers: { "Set-Cookie": serializeBlankSessionCookie() } });
}

export function loader() {
  return redirect("/");
}
