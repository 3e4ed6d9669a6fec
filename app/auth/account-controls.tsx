// The small controls every signed-in page and the sign-in page share: the language switch and the
// sign-out button. Both are plain forms, so they work without client JavaScript.
import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type Language, isLanguage } from "~/i18n/config";

/** A button offering the other language ("English" on a Vietnamese page, "Tiếng Việt" on an English one). */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation("common");
  const location = useLocation();
  const current: Language = isLanguage(i18n.language) ? i18n.language : "vi";
  const other: Language = current === "vi" ? "en" : "vi";
  const otherName = t(`language.${other}`);
  return (
    <Form method="post" action="/language" className={className}>
      <input type="hidden" name="lng" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="link" lang={other} title={t("language.switchTo", { language: otherName })}>
        {otherName}
      </button>
    </Form>
  );
}

export function SignOutButton() {
  const { t } = useTranslation("common");
  return (
    <Form method="post" action="/sign-out">
      <button type="submit" className="link">
        {t("nav.signOut")}
      </button>
    </Form>
  );
}
