// Checked by `tsc`, never run: locale keys are typed from app/locales/vi/*.json (app/i18n/i18next.d.ts).
// If that typing were lost, every key would be a plain string and the @ts-expect-error lines below
// would become errors themselves ("unused directive"), so tsc fails either way.
import type { TFunction } from "i18next";

export function useKeys(t: TFunction<["patients", "common"]>) {
  // @ts-expect-error: no such key in patients.json
  t("patients:nonexistent");
  // @ts-expect-error: a key of another namespace without its prefix
  t("signIn.title");
  return [t("patients:list.heading"), t("common:appName"), t("list.countAll", { count: 2 })];
}
