// /h/:hospital/setup/profile: wizard step 1, the hospital's profile.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { readFormData } from "~/server/read-form-data.server";
import { PROFILE_FIELDS, profileSchema } from "~/setup/profile-input";
import { nextStep, setupPath } from "~/setup/steps";
import { getHospitalProfile, saveHospitalProfile } from "~/setup/wizard.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { ChoiceField, Field, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["setup"] };
type SetupMessage = ParseKeys<"setup">;
const KINDS = ["district_general", "polyclinic", "commune_station"] as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "settings:manage");
  const profile = await member.tx((t) => getHospitalProfile(t));
  const t = await i18next.getFixedT(request, "setup");
  return data({
    title: `${t("profile.title")} · ${member.hospital.name}`,
    values: { kind: profile.kind ?? "", bedCount: profile.bedCount === null ? "" : String(profile.bedCount), phone: profile.phone ?? "", address: profile.address ?? "" },
    version: profile.version,
  });
}

export async function action(args: ActionFunctionArgs) {
  return saveProfile(args, (slug) => setupPath(slug, nextStep("profile")!));
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

export default function SetupProfile() {
  return <ProfileForm submitKey="wizard.saveAndNext" />;
}

/** The profile's form, in the wizard (save and go on) and in Settings (save). */
export function ProfileForm({ submitKey, saved: savedNow = false }: { submitKey: SetupMessage; saved?: boolean }) {
  const { t } = useTranslation("setup");
  const { values: saved, version } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const values = failure?.values ?? saved;
  const errors = (failure?.errors ?? {}) as Partial<Record<(typeof PROFILE_FIELDS)[number], SetupMessage>>;
  const message = (key?: SetupMessage) => (key ? (t(key) as string) : undefined);
  return (
    <section className="panel">
      <PageHeader title={t("profile.title")} intro={t("profile.intro")} />
      {savedNow && !failure ? <Banner tone="ok">{t("profile.saved")}</Banner> : null}
      <ErrorSummary
        formMessage={failure?.formError ? (t(failure.formError.key as SetupMessage) as string) : null}
        items={PROFILE_FIELDS.flatMap((f) => (errors[f] ? [{ fieldId: fieldIds("profile", f).input, message: t(errors[f]!) as string }] : []))}
      />
      <Form method="post" noValidate>
        <input type="hidden" name="version" value={version} />
        <ChoiceField
          prefix="profile"
          name="kind"
          label={t("profile.kind")}
          error={message(errors.kind)}
          choices={KINDS.map((k) => ({ value: k, label: t(`profile.kinds.${k}`) }))}
          defaultValue={values.kind}
          required
        />
        <Field prefix="profile" name="bedCount" label={t("profile.beds")} hint={t("profile.bedsHint")} error={message(errors.bedCount)} defaultValue={values.bedCount} inputMode="numeric" required />
        <Field prefix="profile" name="phone" label={t("profile.phone")} error={message(errors.phone)} defaultValue={values.phone} type="tel" autoComplete="tel" />
        <Field prefix="profile" name="address" label={t("profile.address")} error={message(errors.address)} defaultValue={values.address} inputClassName="input-wide" />
        <div className="form-actions">
          <Button type="submit">{t(submitKey)}</Button>
        </div>
      </Form>
    </section>
  );
}
