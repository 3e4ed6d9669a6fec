// Every language and namespace, for rendering on the server (which may answer in either language).
import enAuth from "~/locales/en/auth.json";
import enCommon from "~/locales/en/common.json";
import enErrors from "~/locales/en/errors.json";
import enChart from "~/locales/en/chart.json";
import enPatients from "~/locales/en/patients.json";
import enVisit from "~/locales/en/visit.json";
import viAuth from "~/locales/vi/auth.json";
import viCommon from "~/locales/vi/common.json";
import viErrors from "~/locales/vi/errors.json";
import viChart from "~/locales/vi/chart.json";
import viPatients from "~/locales/vi/patients.json";
import viVisit from "~/locales/vi/visit.json";
import { i18nBaseConfig, NAMESPACES, type Language, type Namespace } from "./config";

export const resources = {
  vi: { common: viCommon, auth: viAuth, errors: viErrors, patients: viPatients, visit: viVisit, chart: viChart },
  en: { common: enCommon, auth: enAuth, errors: enErrors, patients: enPatients, visit: enVisit, chart: enChart },
} satisfies Record<Language, Record<Namespace, object>>;

export const i18nServerConfig = { ...i18nBaseConfig, ns: [...NAMESPACES], resources };
