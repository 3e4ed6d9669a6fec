// The hospital profile's form, in the wizard (save and go on) and in Settings (save).
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { ChoiceField, Field, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import type { loadProfile, saveProfile } from "./profile-page.server";
import { PROFILE_FIELDS } from "./profile-input";

type SetupMessage = ParseKeys<"setup">;
const KINDS = ["district_general", "polyclinic", "commune_station"] as const;

/** The profile's form, in the wizard (save and go on) and in Settings (save). */
export function ProfileForm({ submitKey, saved: savedNow = false }: { submitKey: SetupMessage; saved?: boolean }) {
  const { t } = useTranslation("setup");
  const { values: saved, version } = useLoaderData<typeof loadProfile>();
  const failure = useActionData<typeof saveProfile>();
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
