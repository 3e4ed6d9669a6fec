// A choice from a list too long for radio buttons (provinces, communes, ethnic groups, occupations):
// a native <select> with the same label, hint and error wiring as Field (app/ui/field.tsx).
import type { ReactNode, SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { fieldIds } from "~/ui/field";

type SelectFieldProps = {
  prefix: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  options: readonly { value: string; label: string }[];
  /** The empty first option's text ("— Choose —"); absent: no empty option. */
  placeholder?: string;
  defaultValue?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "defaultValue">;

export function SelectField({ prefix, name, label, hint, error, required = false, options, placeholder, defaultValue, ...select }: SelectFieldProps) {
  const { t } = useTranslation("common");
  const ids = fieldIds(prefix, name);
  const describedBy = [hint ? ids.hint : null, error ? ids.error : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={ids.input}>
        {label}
        {required ? <span className="field-required"> ({t("form.required")})</span> : null}
        {hint ? (
          <>
            {" "}
            <span className="hint" id={ids.hint}>
              {hint}
            </span>
          </>
        ) : null}
      </label>
      <select
        id={ids.input}
        name={name}
        // A new list (another province's communes) must show the new value, not the old DOM state.
        key={`${name}:${options.length}:${defaultValue ?? ""}`}
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={ids.error}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
