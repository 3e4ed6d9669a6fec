// Every language and namespace, for rendering on the server (which may answer in either language).
import enAuth from "~/locales/en/auth.json";
import enCommon from "~/locales/en/common.json";
import enErrors from "~/locales/en/errors.json";
import enMail from "~/locales/en/mail.json";
import enPatients from "~/locales/en/patients.json";
import enSetup from "~/locales/en/setup.json";
import enSignup from "~/locales/en/signup.json";
import viAuth from "~/locales/vi/auth.json";
import viCommon from "~/locales/vi/common.json";
import viErrors from "~/locales/vi/errors.json";
import viMail from "~/locales/vi/mail.json";
import viPatients from "~/locales/vi/patients.json";
import viSetup from "~/locales/vi/setup.json";
import viSignup from "~/locales/vi/signup.json";
import { i18nBaseConfig, NAMESPACES, type Language, type Namespace } from "./config";

export const resources = {
  vi: { common: viCommon, auth: viAuth, errors: viErrors, patients: viPatients, signup: viSignup, setup: viSetup, mail: viMail },
  en: { common: enCommon, auth: enAuth, errors: enErrors, patients: enPatients, signup: enSignup, setup: enSetup, mail: enMail },
} satisfies Record<Language, Record<Namespace, object>>;

export const i18nServerConfig = { ...i18nBaseConfig, ns: [...NAMESPACES], resources };
