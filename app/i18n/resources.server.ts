// Every language and namespace, for rendering on the server (which may answer in either language).
import enAuth from "~/locales/en/auth.json";
import enChart from "~/locales/en/chart.json";
import enCommon from "~/locales/en/common.json";
import enErrors from "~/locales/en/errors.json";
import enMail from "~/locales/en/mail.json";
import enOrders from "~/locales/en/orders.json";
import enPatients from "~/locales/en/patients.json";
import enPrescriptions from "~/locales/en/prescriptions.json";
import enPrint from "~/locales/en/print.json";
import enReception from "~/locales/en/reception.json";
import enSettings from "~/locales/en/settings.json";
import enSetup from "~/locales/en/setup.json";
import enSignup from "~/locales/en/signup.json";
import enStaff from "~/locales/en/staff.json";
import enTemplates from "~/locales/en/templates.json";
import enTraining from "~/locales/en/training.json";
import enVisit from "~/locales/en/visit.json";
import viAuth from "~/locales/vi/auth.json";
import viChart from "~/locales/vi/chart.json";
import viCommon from "~/locales/vi/common.json";
import viErrors from "~/locales/vi/errors.json";
import viMail from "~/locales/vi/mail.json";
import viOrders from "~/locales/vi/orders.json";
import viPatients from "~/locales/vi/patients.json";
import viPrescriptions from "~/locales/vi/prescriptions.json";
import viPrint from "~/locales/vi/print.json";
import viReception from "~/locales/vi/reception.json";
import viSettings from "~/locales/vi/settings.json";
import viSetup from "~/locales/vi/setup.json";
import viSignup from "~/locales/vi/signup.json";
import viStaff from "~/locales/vi/staff.json";
import viTemplates from "~/locales/vi/templates.json";
import viTraining from "~/locales/vi/training.json";
import viVisit from "~/locales/vi/visit.json";
import enAdmin from "~/locales/en/admin.json";
import enConsole from "~/locales/en/console.json";
import enSupport from "~/locales/en/support.json";
import enExport from "~/locales/en/export.json";
import viAdmin from "~/locales/vi/admin.json";
import viConsole from "~/locales/vi/console.json";
import viSupport from "~/locales/vi/support.json";
import viExport from "~/locales/vi/export.json";
import { i18nBaseConfig, NAMESPACES, type Language, type Namespace } from "./config";

export const resources = {
  vi: {
    common: viCommon,
    auth: viAuth,
    errors: viErrors,
    patients: viPatients,
    chart: viChart,
    mail: viMail,
    orders: viOrders,
    prescriptions: viPrescriptions,
    print: viPrint,
    reception: viReception,
    settings: viSettings,
    setup: viSetup,
    signup: viSignup,
    staff: viStaff,
    templates: viTemplates,
    training: viTraining,
    visit: viVisit,
    admin: viAdmin,
    console: viConsole,
    support: viSupport,
    export: viExport,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    errors: enErrors,
    patients: enPatients,
    chart: enChart,
    mail: enMail,
    orders: enOrders,
    prescriptions: enPrescriptions,
    print: enPrint,
    reception: enReception,
    settings: enSettings,
    setup: enSetup,
    signup: enSignup,
    staff: enStaff,
    templates: enTemplates,
    training: enTraining,
    visit: enVisit,
    admin: enAdmin,
    console: enConsole,
    support: enSupport,
    export: enExport,
  },
} satisfies Record<Language, Record<Namespace, object>>;

export const i18nServerConfig = { ...i18nBaseConfig, ns: [...NAMESPACES], resources };
