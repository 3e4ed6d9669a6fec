// Languages (DESIGN.md §9): Vietnamese first, English second. Every string a person reads comes from
// app/locales/{vi,en}/<namespace>.json; tests/integration/locales.test.ts fails when the two differ.
import enAuth from "~/locales/en/auth.json";
import enCommon from "~/locales/en/common.json";
import enErrors from "~/locales/en/errors.json";
import enPatients from "~/locales/en/patients.json";
import viAuth from "~/locales/vi/auth.json";
import viCommon from "~/locales/vi/common.json";
import viErrors from "~/locales/vi/errors.json";
import viPatients from "~/locales/vi/patients.json";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "vi";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export const resources = {
  vi: { common: viCommon, auth: viAuth, errors: viErrors, patients: viPatients },
  en: { common: enCommon, auth: enAuth, errors: enErrors, patients: enPatients },
} as const;

export const NAMESPACES = Object.keys(resources.vi) as (keyof (typeof resources)["vi"])[];

export const i18nConfig = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "common",
  ns: NAMESPACES,
  resources,
  interpolation: { escapeValue: false },
};
