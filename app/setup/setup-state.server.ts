// What the wizard's layout shows: the steps done, the current one, and whether the e-mail is verified.
import type { Membership } from "~/auth/guards.server";
import { hasUnsentMail } from "~/mail/outbox.server";
import { isHospitalVerified } from "~/signup/verification.server";
import { getHospitalProfile, readReadiness } from "./wizard.server";

export async function readSetupState(member: Membership) {
  const [profile, ready] = await member.tx(async (t) => [await getHospitalProfile(t), await readReadiness(t)] as const);
  // Steps 2, 3 and 5 are left by a plain "Continue" link (app/templates/editors.tsx): they count as done
  // once what they make exists (a template applied, departments, services), as on the review's checklist.
  const completed = [...profile.completedSteps];
  for (const step of ["template", "departments", "services"] as const) if (ready[step] && !completed.includes(step)) completed.push(step);
  const verified = await isHospitalVerified(member.hospital.id);
  const mailNotSent = verified ? false : await hasUnsentMail(member.user.email, "verify-email");
  return { completed, verified, mailNotSent };
}
