// Languages (docs/architecture.md §9): Vietnamese first, English second. Every string a person reads comes from
// app/locales/{vi,en}/<namespace>.json; tests/integration/locales.test.ts fails when the two differ.
// This file is shared with the browser, so it holds no texts: the server loads them all
// (resources.server.ts), the browser only the current language's namespaces (load-locale.client.ts).

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "vi";

export const NAMESPACES = ["common", "auth", "errors", "patients", "chart", "mail", "orders", "prescriptions", "print", "reception", "settings", "setup", "signup", "staff", "templates", "training", "visit", "admin", "console", "support", "export"] as const;
export type Namespace = (typeof NAMESPACES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** i18next options both sides share; each adds where the texts come from. */
export const i18nBaseConfig = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "common",
  interpolation: { escapeValue: false },
};
