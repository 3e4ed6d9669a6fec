// The profile page's server half, shared by the wizard's step 1 and Settings → Profile.
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import type { ParseKeys } from "i18next";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { readFormData } from "~/server/read-form-data.server";
import { profileSchema } from "./profile-input";
import { getHospitalProfile, saveHospitalProfile } from "./wizard.server";

type SetupMessage = ParseKeys<"setup">;

export async function loadProfile({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "settings:manage");
  const profile = await member.tx((t) => getHospitalProfile(t));
  const t = await i18next.getFixedT(request, "setup");
  return data({
    title: `${t("profile.title")} · ${member.hospital.name}`,
    values: { kind: profile.kind ?? "", bedCount: profile.bedCount === null ? "" : String(profile.bedCount), phone: profile.phone ?? "", address: profile.address ?? "" },
    version: profile.version,
  });
}

/** Saves the profile, then goes on: to the wizard's next step, or back to Settings → Profile. */
export async function saveProfile({ request, context, params }: ActionFunctionArgs, then: (slug: string) => string) {
  const member = await requireMember(request, context, params.hospital, "settings:manage");
  const form = await readFormData(request);
  const parsed = parseForm<typeof profileSchema.shape, SetupMessage>(form, profileSchema);
  if (!parsed.ok) return refuseForm(parsed);
  const version = parseExpectedVersion(form.get("version")) ?? 0;
  try {
    await member.tx((t) => saveHospitalProfile(t, version, parsed.data));
  } catch (error) {
    if (isStaleWriteError(error)) return refuseForm(formFailure(parsed.values, { key: "profile.errors.conflict" as SetupMessage }), { status: 409 });
    throw error;
  }
  return redirect(then(member.hospital.slug));
}

