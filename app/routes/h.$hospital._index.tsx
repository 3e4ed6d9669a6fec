// /h/:hospital → the patient list, the hospital's first screen. It checks membership like every hospital
// route (a single-fetch request can run this loader alone); the lookup is shared with the layout's.
// The default export must exist: without it this is a resource route, and a stranger's 404 would go out
// bare instead of through the error page.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/auth/guards.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital);
  return redirect(`/h/${encodeURIComponent(member.hospital.slug)}/patients`);
}

export default function HospitalFrontPage() {
  return null;
}
