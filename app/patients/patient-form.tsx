// The patient's identity form, shared by registration and editing. A plain form: it works without
// client JavaScript, the server validates, and a failed submit comes back filled in with a message next
// to each field (DESIGN.md §4, §8).
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Sex } from "~db/schema";
import { PATIENT_FIELDS, type PatientField, type PatientFieldErrors, type PatientFormValues } from "./patient-fields";
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
  /** Put the cursor in the first field (registration) or on the first field in error. */
  autoFocus?: boolean;
  children?: ReactNode;
};

const ids = (field: PatientField) => ({ input: `patient-${field}`, hint: `patient-${field}-hint`, error: `patient-${field}-error` });

export function PatientForm({
  action,
  values,
  errors = {},
  sexes,
  submitLabel,
  submittingLabel,
  hidden = {},
  autoFocus = false,
  children,
}: PatientFormProps) {
  const { t } = useTranslation("patients");
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formAction === action;
  const firstError = PATIENT_FIELDS.find((field) => errors[field]);
  const focus = (field: PatientField) => (firstError ? firstError === field : autoFocus && field === "fullName");
  // autoFocus only acts on a fresh page; after a submit through JavaScript, move to the first error.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (firstError) form.current?.querySelector<HTMLElement>(`[name="${firstError}"]`)?.focus();
  }, [errors, firstError]);

  const describedBy = (field: PatientField) => [ids(field).hint, errors[field] ? ids(field).error : null].filter(Boolean).join(" ");
  const fieldError = (field: PatientField) =>
    errors[field] ? (
      <p className="field-error" id={ids(field).error}>
        {t(errors[field]!)}
      </p>
    ) : null;
  const label = (field: PatientField, required: boolean) => (
    <label htmlFor={ids(field).input}>
      {t(`fields.${field}`)}
      {required ? <span className="patient-required"> ({t("form.required")})</span> : null}{" "}
      <span className="hint" id={ids(field).hint}>
        {t(`hints.${field}`)}
      </span>
    </label>
  );

  return (
    <Form method="post" action={action} className="patient-form" noValidate ref={form}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="patient-field">
        {label("fullName", true)}
        <input
          id={ids("fullName").input}
          name="fullName"
          defaultValue={values.fullName}
          required
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          autoFocus={focus("fullName")}
          aria-invalid={errors.fullName ? true : undefined}
          aria-describedby={describedBy("fullName")}
          className="patient-input-wide"
        />
        {fieldError("fullName")}
      </div>
      <div className="patient-field">
        {label("birthDate", true)}
        <input
          id={ids("birthDate").input}
          name="birthDate"
          defaultValue={values.birthDate}
          required
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          maxLength={10}
          autoComplete="off"
          autoFocus={focus("birthDate")}
          aria-invalid={errors.birthDate ? true : undefined}
          aria-describedby={describedBy("birthDate")}
          className="patient-input-date"
        />
        {fieldError("birthDate")}
      </div>
      <fieldset
        className="patient-field patient-sex"
        aria-invalid={errors.sex ? true : undefined}
        aria-describedby={describedBy("sex")}
      >
        <legend>
          {t("fields.sex")}
          <span className="patient-required"> ({t("form.required")})</span>{" "}
          <span className="hint" id={ids("sex").hint}>
            {t("hints.sex")}
          </span>
        </legend>
        {sexes.map((sex, index) => (
          <label key={sex} className="patient-choice">
            <input
              type="radio"
              name="sex"
              value={sex}
              defaultChecked={values.sex === sex}
              required
              autoFocus={focus("sex") && index === 0}
            />{" "}
            {t(`sex.${sex}`)}
          </label>
        ))}
        {fieldError("sex")}
      </fieldset>
      <div className="patient-field">
        {label("phone", false)}
        <input
          id={ids("phone").input}
          name="phone"
          type="tel"
          defaultValue={values.phone}
          inputMode="tel"
          maxLength={PHONE_INPUT_MAX_LENGTH}
          autoComplete="off"
          autoFocus={focus("phone")}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={describedBy("phone")}
          className="patient-input-phone"
        />
        {fieldError("phone")}
      </div>
      <div className="patient-actions">
        <button type="submit" disabled={submitting}>
          {submitting ? submittingLabel : submitLabel}
        </button>
        {children}
      </div>
    </Form>
  );
}
