// The patient's identity form, shared by registration and editing, built from the form kit (app/ui):
// a plain form that works without client JavaScript; the server validates, and a refused submit comes
// back filled in, with a summary at the top linking to each field in error (docs/architecture.md §4, §8).
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Sex } from "~db/schema";
import { KEEP_DRAFT_ATTRIBUTE } from "~/auth/form-draft";
import { firstFieldInError } from "~/lib/form";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { ChoiceField, Field, fieldIds } from "~/ui/field";
import { PATIENT_FIELDS, type PatientFieldErrors, type PatientFormValues } from "./patient-fields";
import { PHONE_INPUT_MAX_LENGTH } from "./phone";

type PatientFormProps = {
  /** Where the form posts; the page's own address without its query string. */
  action: string;
  values: PatientFormValues;
  errors?: PatientFieldErrors;
  sexes: readonly Sex[];
  submitLabel: string;
  submittingLabel: string;
  /** Hidden fields, e.g. the version the person is editing. */
  hidden?: Record<string, string>;
  /** Put the cursor in the first field (registration). */
  autoFocus?: boolean;
  children?: ReactNode;
};

const FORM_ID = "patient";

export function PatientForm({ action, values, errors = {}, sexes, submitLabel, submittingLabel, hidden = {}, autoFocus = false, children }: PatientFormProps) {
  const { t } = useTranslation("patients");
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formAction === action;
  const firstError = firstFieldInError(PATIENT_FIELDS, errors);
  const error = (field: (typeof PATIENT_FIELDS)[number]) => (errors[field] ? t(errors[field]!) : undefined);

  return (
    <Form method="post" action={action} className="patient-form" noValidate {...{ [KEEP_DRAFT_ATTRIBUTE]: "" }}>
      <ErrorSummary
        items={PATIENT_FIELDS.flatMap((field) => (errors[field] ? [{ fieldId: fieldIds(FORM_ID, field).input, message: t(errors[field]!) }] : []))}
      />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Field
        prefix={FORM_ID}
        name="fullName"
        label={t("fields.fullName")}
        hint={t("hints.fullName")}
        error={error("fullName")}
        required
        defaultValue={values.fullName}
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus && !firstError}
        inputClassName="input-wide"
      />
      <Field
        prefix={FORM_ID}
        name="birthDate"
        label={t("fields.birthDate")}
        hint={t("hints.birthDate")}
        error={error("birthDate")}
        required
        defaultValue={values.birthDate}
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        maxLength={10}
        autoComplete="off"
        inputClassName="input-date"
      />
      <ChoiceField
        prefix={FORM_ID}
        name="sex"
        label={t("fields.sex")}
        hint={t("hints.sex")}
        error={error("sex")}
        required
        defaultValue={values.sex}
        choices={sexes.map((sex) => ({ value: sex, label: t(`sex.${sex}`) }))}
      />
      <Field
        prefix={FORM_ID}
        name="phone"
        label={t("fields.phone")}
        hint={t("hints.phone")}
        error={error("phone")}
        type="tel"
        defaultValue={values.phone}
        inputMode="tel"
        maxLength={PHONE_INPUT_MAX_LENGTH}
        autoComplete="off"
        inputClassName="input-phone"
      />
      <div className="form-actions">
        <Button type="submit" disabled={submitting}>
          {submitting ? submittingLabel : submitLabel}
        </Button>
        {children}
      </div>
    </Form>
  );
}
