// The start page: signed-in people go to their hospitals, everyone else to sign-in.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/auth/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, headers } = await getOptionalUser(request, context);
  return redirect(user ? "/h" : "/sign-in", { headers });
}
