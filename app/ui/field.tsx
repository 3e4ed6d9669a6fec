// A form field: label, hint, input and error, wired for assistive technology (the input is described
// by its hint and its error, and marked invalid), with ids the ErrorSummary links to.
import type { InputHTMLAttributes, ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The ids of a field's parts, from its form's prefix and its name. */
export function fieldIds(prefix: string, name: string) {
  const input = `${prefix}-${name}`;
  return { input, hint: `${input}-hint`, error: `${input}-error` };
}

const describedBy = (ids: ReturnType<typeof fieldIds>, hint: unknown, error: unknown) =>
  [hint ? ids.hint : null, error ? ids.error : null].filter(Boolean).join(" ") || undefined;

type FieldFrame = {
  /** The form's id prefix, e.g. "patient": the input's id is "patient-<name>". */
  prefix: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The error message, already in the person's language. */
  error?: string;
  required?: boolean;
  className?: string;
};

/** What a label or legend says: the field's name, "required", and the hint (which describes the input). */
function Caption({ label, hint, hintId, required }: { label: ReactNode; hint?: ReactNode; hintId: string; required: boolean }) {
  const { t } = useTranslation("common");
  return (
    <>
      {label}
      {required ? <span className="field-required"> ({t("form.required")})</span> : null}
      {hint ? (
        <>
          {" "}
          <span className="hint" id={hintId}>
            {hint}
          </span>
        </>
      ) : null}
    </>
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="field-error" id={id}>
      {error}
    </p>
  ) : null;
}

type FieldProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "className"> & { inputClassName?: string };

export function Field({ prefix, name, label, hint, error, required = false, className, inputClassName, ...input }: FieldProps) {
  const ids = fieldIds(prefix, name);
  return (
    <div className={["field", className].filter(Boolean).join(" ")}>
      <label htmlFor={ids.input}>
        <Caption label={label} hint={hint} hintId={ids.hint} required={required} />
      </label>
      <input
        id={ids.input}
        name={name}
        required={required}
        className={inputClassName}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
        {...input}
      />
      <FieldError id={ids.error} error={error} />
    </div>
  );
}

type ChoiceFieldProps = FieldFrame & {
  choices: readonly { value: string; label: string }[];
  defaultValue?: string;
  autoFocus?: boolean;
};

/** One choice among a few, as radio buttons in a fieldset; the first radio carries the field's id. */
export function ChoiceField({ prefix, name, label, hint, error, required = false, className, choices, defaultValue, autoFocus }: ChoiceFieldProps) {
  const ids = fieldIds(prefix, name);
  return (
    <fieldset
      className={["field", "field-choices", className].filter(Boolean).join(" ")}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(ids, hint, error)}
    >
      <legend>
        <Caption label={label} hint={hint} hintId={ids.hint} required={required} />
      </legend>
      {choices.map((choice, index) => (
        <label key={choice.value} className="field-choice">
          <input
            type="radio"
            id={index === 0 ? ids.input : undefined}
            name={name}
            value={choice.value}
            defaultChecked={defaultValue === choice.value}
            required={required}
            autoFocus={autoFocus && index === 0}
          />{" "}
          {choice.label}
        </label>
      ))}
      <FieldError id={ids.error} error={error} />
    </fieldset>
  );
}
