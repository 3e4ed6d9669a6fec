// The console's front page is its tenants list.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/staff-session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  throw redirect("/admin/tenants");
}
