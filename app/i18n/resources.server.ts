// Every language and namespace, for rendering on the server (which may answer in either language).
import enAuth from "~/locales/en/auth.json";
import enCommon from "~/locales/en/common.json";
import enErrors from "~/locales/en/errors.json";
import enPatients from "~/locales/en/patients.json";
import enSettings from "~/locales/en/settings.json";
import enTemplates from "~/locales/en/templates.json";
import viAuth from "~/locales/vi/auth.json";
import viCommon from "~/locales/vi/common.json";
import viErrors from "~/locales/vi/errors.json";
import viPatients from "~/locales/vi/patients.json";
import viSettings from "~/locales/vi/settings.json";
import viTemplates from "~/locales/vi/templates.json";
import { i18nBaseConfig, NAMESPACES, type Language, type Namespace } from "./config";

export const resources = {
  vi: { common: viCommon, auth: viAuth, errors: viErrors, patients: viPatients, templates: viTemplates, settings: viSettings },
  en: { common: enCommon, auth: enAuth, errors: enErrors, patients: enPatients, templates: enTemplates, settings: enSettings },
} satisfies Record<Language, Record<Namespace, object>>;

export const i18nServerConfig = { ...i18nBaseConfig, ns: [...NAMESPACES], resources };
