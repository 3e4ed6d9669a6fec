// The patient's identity form, shared by registration and editing, built from the form kit (app/ui):
// a plain form that works without client JavaScript; the server validates, and a refused submit comes
// back filled in, with a summary at the top linking to each field in error (docs/architecture.md §4, §8).
//
// Reception's part (issue 8): the name field also takes a scan of the chip ID card's QR code. A scanner
// types the whole code and usually Enter; the server sees the scan in the name and answers the form
// filled in from it. With JavaScript the page notices the complete scan as it is typed and sends it at
// once (intent "scan"). Choosing a province sends intent "province" to list its communes (with
// JavaScript on change; without, with the button next to it).
import { Form, useNavigation } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Sex } from "~db/schema";
import { KEEP_DRAFT_ATTRIBUTE } from "~/auth/form-draft";
import { firstFieldInError } from "~/lib/form";
import { looksCompleteIdCardScan } from "~/reception/id-card-qr";
import { SelectField } from "~/ui/select-field";
import { ETHNIC_GROUPS, OCCUPATIONS, PROVINCE_LIST } from "~/reference/national-lists";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { ChoiceField, Field, fieldIds } from "~/ui/field";
import { PATIENT_FIELDS, type PatientField, type PatientFieldErrors, type PatientFormValues } from "./patient-fields";
import { PHONE_INPUT_MAX_LENGTH } from "./phone";

/** The submit buttons' `intent` values besides saving. */
export const PATIENT_FORM_INTENTS = { scan: "scan", province: "province", createAnyway: "createAnyway" } as const;

type PatientFormProps = {
  /** Where the form posts; the page's own address without its query string. */
  action: string;
  values: PatientFormValues;
  errors?: PatientFieldErrors;
  sexes: readonly Sex[];
  /** The communes of the province in `values` ({ code, name }). */
  communes?: readonly { code: string; name: string }[];
  submitLabel: string;
  submittingLabel: string;
  /** Hidden fields, e.g. the version the person is editing. */
  hidden?: Record<string, string>;
  /** Put the cursor in the first field (registration). */
  autoFocus?: boolean;
  /** Shown at the top of the form, inside it (the likely-duplicates panel, whose button submits it). */
  notice?: ReactNode;
  children?: ReactNode;
};

const FORM_ID = "patient";

export function PatientForm({
  action,
  values,
  errors = {},
  sexes,
  communes = [],
  submitLabel,
  submittingLabel,
  hidden = {},
  autoFocus = false,
  notice,
  children,
}: PatientFormProps) {
  const { t } = useTranslation(["patients", "reception"]);
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formAction === action;
  const firstError = firstFieldInError(PATIENT_FIELDS, errors);
  const error = (field: PatientField) => (errors[field] ? t(errors[field]!) : undefined);
  const scanButton = useRef<HTMLButtonElement>(null);
  const provinceButton = useRef<HTMLButtonElement>(null);
  const text = (name: PatientField, extra: { hint?: string; inputClassName?: string; maxLength?: number; inputMode?: "numeric" | "tel"; type?: string; placeholder?: string } = {}) => (
    <Field prefix={FORM_ID} name={name} label={t(`fields.${name}`)} error={error(name)} defaultValue={values[name]} autoComplete="off" {...extra} />
  );

  return (
    <Form method="post" action={action} className="patient-form" noValidate {...{ [KEEP_DRAFT_ATTRIBUTE]: "" }}>
      <ErrorSummary
        items={PATIENT_FIELDS.flatMap((field) => (errors[field] ? [{ fieldId: fieldIds(FORM_ID, field).input, message: t(errors[field]!) }] : []))}
      />
      {/* The default button: Enter in any field saves (the first submit button in the form is the default). */}
      <button type="submit" hidden tabIndex={-1}>
        {submitLabel}
      </button>
      {notice}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset className="form-section">
        <legend>{t("sections.identity")}</legend>
        <Field
          // A filled-in form after a scan is a new form: let it take the new values.
          key={`name:${values.fullName}`}
          prefix={FORM_ID}
          name="fullName"
          label={t("fields.fullName")}
          hint={t("hints.fullName")}
          error={error("fullName")}
          required
          defaultValue={values.fullName}
          maxLength={400}
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus && !firstError}
          inputClassName="input-wide"
          data-scan-target=""
          onInput={(event) => {
            if (looksCompleteIdCardScan(event.currentTarget.value)) event.currentTarget.form?.requestSubmit(scanButton.current);
          }}
        />
        <Field
          key={`birth:${values.birthDate}`}
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
          key={`sex:${values.sex}`}
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
          key={`phone:${values.phone}`}
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
      </fieldset>
      <fieldset className="form-section" key={`papers:${values.citizenId}`}>
        <legend>{t("sections.papers")}</legend>
        {text("citizenId", { hint: t("hints.citizenId"), inputMode: "numeric", maxLength: 20, inputClassName: "input-phone" })}
        {text("insuranceNumber", { hint: t("hints.insuranceNumber"), maxLength: 20, inputClassName: "input-phone" })}
        <div className="form-row">
          {text("insuranceValidFrom", { hint: t("hints.insuranceDate"), inputMode: "numeric", maxLength: 10, placeholder: "dd/mm/yyyy", inputClassName: "input-date" })}
          {text("insuranceValidTo", { hint: t("hints.insuranceDate"), inputMode: "numeric", maxLength: 10, placeholder: "dd/mm/yyyy", inputClassName: "input-date" })}
        </div>
        {text("insuranceFacility", { hint: t("hints.insuranceFacility"), inputMode: "numeric", maxLength: 5, inputClassName: "input-date" })}
      </fieldset>
      <fieldset className="form-section">
        <legend>{t("sections.background")}</legend>
        <SelectField
          prefix={FORM_ID}
          name="ethnicityCode"
          label={t("fields.ethnicityCode")}
          error={error("ethnicityCode")}
          placeholder={t("choose")}
          defaultValue={values.ethnicityCode}
          options={ETHNIC_GROUPS.map((group) => ({ value: group.code, label: group.name }))}
        />
        <SelectField
          prefix={FORM_ID}
          name="occupationCode"
          label={t("fields.occupationCode")}
          error={error("occupationCode")}
          placeholder={t("choose")}
          defaultValue={values.occupationCode}
          options={OCCUPATIONS.map((occupation) => ({ value: occupation.code, label: t(`reception:occupation.${occupation.code}` as "reception:occupation.00") }))}
        />
      </fieldset>
      <fieldset className="form-section" key={`address:${values.provinceCode}:${values.communeCode}:${values.street}`}>
        <legend>{t("sections.address")}</legend>
        <div className="form-row">
          <SelectField
            prefix={FORM_ID}
            name="provinceCode"
            label={t("fields.provinceCode")}
            error={error("provinceCode")}
            placeholder={t("choose")}
            defaultValue={values.provinceCode}
            options={PROVINCE_LIST.map((province) => ({ value: province.code, label: province.name }))}
            onChange={(event) => event.currentTarget.form?.requestSubmit(provinceButton.current)}
          />
          <button ref={provinceButton} type="submit" name="intent" value={PATIENT_FORM_INTENTS.province} className="button secondary form-row-button">
            {t("showCommunes")}
          </button>
        </div>
        <SelectField
          prefix={FORM_ID}
          name="communeCode"
          label={t("fields.communeCode")}
          error={error("communeCode")}
          placeholder={communes.length === 0 ? t("chooseProvinceFirst") : t("choose")}
          defaultValue={values.communeCode}
          options={communes.map((commune) => ({ value: commune.code, label: commune.name }))}
        />
        {text("street", { hint: t("hints.street"), maxLength: 200, inputClassName: "input-wide" })}
      </fieldset>
      <fieldset className="form-section">
        <legend>{t("sections.guardian")}</legend>
        <p className="hint">{t("hints.guardian")}</p>
        {text("guardianName", { maxLength: 120, inputClassName: "input-wide" })}
        <div className="form-row">
          {text("guardianRelation", { hint: t("hints.guardianRelation"), maxLength: 40, inputClassName: "input-phone" })}
          {text("guardianPhone", { type: "tel", inputMode: "tel", maxLength: PHONE_INPUT_MAX_LENGTH, inputClassName: "input-phone" })}
        </div>
      </fieldset>
      {/* Sent by the name field's scan detection; hidden from people, who never need to press it. */}
      <button ref={scanButton} type="submit" name="intent" value={PATIENT_FORM_INTENTS.scan} hidden tabIndex={-1}>
        {t("reception:scan.submit")}
      </button>
      <div className="form-actions">
        <Button type="submit" disabled={submitting}>
          {submitting ? submittingLabel : submitLabel}
        </Button>
        {children}
      </div>
    </Form>
  );
}
