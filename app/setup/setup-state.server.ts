// What the wizard's layout shows: the steps done, the current one, and whether the e-mail is verified.
import type { Membership } from "~/auth/guards.server";
import { hasUnsentMail } from "~/mail/outbox.server";
import { isHospitalVerified } from "~/signup/verification.server";
import { getHospitalProfile } from "./wizard.server";

export async function readSetupState(member: Membership) {
  const profile = await member.tx((t) => getHospitalProfile(t));
  const verified = await isHospitalVerified(member.hospital.id);
  const mailNotSent = verified ? false : await hasUnsentMail(member.user.email, "verify-email");
  return { completed: profile.completedSteps, verified, mailNotSent };
}
