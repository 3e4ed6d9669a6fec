// /h/:hospital/setup: resumes the wizard at the first step not finished.
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireMember } from "~/auth/guards.server";
import { firstUnfinishedStep, setupPath } from "~/setup/steps";
import { getHospitalProfile } from "~/setup/wizard.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "settings:manage");
  const profile = await member.tx((t) => getHospitalProfile(t));
  throw redirect(setupPath(member.hospital.slug, firstUnfinishedStep(profile.completedSteps)));
}

/** Never rendered (the loader always redirects); a component keeps its errors on the error page. */
export default function SetupIndex() {
  return null;
}
