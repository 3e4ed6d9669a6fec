import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { getInitialNamespaces } from "remix-i18next/client";
import { DEFAULT_LANGUAGE, i18nBaseConfig, isLanguage } from "~/i18n/config";
import { localeBackend } from "~/i18n/load-locale.client";

async function hydrate() {
  // The server rendered in the language it put on <html lang>; start the client in the same one, with the
  // texts of the routes on this page loaded before hydration (so the first render matches the server's).
  const lang = document.documentElement.lang;
  await i18next
    .use(initReactI18next)
    .use(localeBackend)
    .init({
      ...i18nBaseConfig,
      lng: isLanguage(lang) ? lang : DEFAULT_LANGUAGE,
      ns: getInitialNamespaces(),
      // Both languages have every key (tests/integration/locales.test.ts): never fetch the other one.
      fallbackLng: false,
      load: "currentOnly",
    });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
