// The list of what stops a form from saving, at the top of the form: each item links to its field.
// It takes focus when it appears, so keyboard and screen-reader users land on it after a refused save.
import { useEffect, useRef, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";

export type ErrorSummaryItem = { fieldId: string; message: string };

type ErrorSummaryProps = {
  items: readonly ErrorSummaryItem[];
  /** A message for the whole form (e.g. wrong password), shown above the field list. */
  formMessage?: string | null;
  id?: string;
};

export function ErrorSummary({ items, formMessage, id = "error-summary" }: ErrorSummaryProps) {
  const { t } = useTranslation("common");
  const element = useRef<HTMLDivElement>(null);
  const signature = [formMessage ?? "", ...items.map((i) => `${i.fieldId}:${i.message}`)].join("|");
  useEffect(() => {
    if (signature) element.current?.focus();
  }, [signature]);
  if (items.length === 0 && !formMessage) return null;

  // A fragment link scrolls but does not focus an input; do both, and leave the URL alone.
  const goTo = (fieldId: string) => (event: MouseEvent) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  };

  return (
    <div ref={element} id={id} className="error-summary" role="alert" tabIndex={-1}>
      <p className="error-summary-title" id={`${id}-title`}>
        {formMessage ?? t("form.summaryTitle", { count: items.length })}
      </p>
      {items.length > 0 ? (
        <ul>
          {items.map((item) => (
            <li key={item.fieldId}>
              <a href={`#${item.fieldId}`} onClick={goTo(item.fieldId)}>
                {item.message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
