// Locale keys checked by the type checker: i18next reads the key tree of the Vietnamese files (the
// English ones must match them, tests/integration/locales.test.ts), so t("patients:nonexistent") fails tsc.
import "i18next";
import type { resources } from "./resources.server";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: (typeof resources)["vi"];
  }
}
