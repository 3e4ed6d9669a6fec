// The session's deadline for the page's expiry warning. GET with ?refresh=background reads it without
// extending the session; POST ("stay signed in") is the person's own request and extends it.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getSessionClock } from "~/auth/session.server";

const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  return data({ session: await getSessionClock(request, context) }, { headers: NO_STORE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return data({ session: await getSessionClock(request, context) }, { headers: NO_STORE });
}
