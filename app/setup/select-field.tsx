// A labelled <select> with hint and error, wired like app/ui/field.tsx's Field (same ids, same messages).
import type { ReactNode, SelectHTMLAttributes } from "react";
import { fieldIds } from "~/ui/field";

type SelectFieldProps = {
  prefix: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  choices: readonly { value: string; label: string }[];
  placeholder?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id">;

export function SelectField({ prefix, name, label, hint, error, choices, placeholder, ...select }: SelectFieldProps) {
  const ids = fieldIds(prefix, name);
  const describedBy = [hint ? ids.hint : null, error ? ids.error : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={ids.input}>
        {label}
        {hint ? (
          <>
            {" "}
            <span className="hint" id={ids.hint}>
              {hint}
            </span>
          </>
        ) : null}
      </label>
      <select id={ids.input} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
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
