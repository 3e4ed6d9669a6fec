// The browser's texts: only the page's language, and only the namespaces its routes declare
// (`handle.i18n`). Each locale file is its own fingerprinted chunk, fetched on first use and cached for
// good, so a cold load does not carry both languages and every screen's texts (docs/architecture.md §8).
import type { BackendModule } from "i18next";

type LocaleModule = { default: Record<string, unknown> };

const localeFiles = import.meta.glob<LocaleModule>("../locales/*/*.json");

/** An i18next backend that reads app/locales/<language>/<namespace>.json through the chunks above. */
export const localeBackend: BackendModule = {
  type: "backend",
  init() {},
  read(language, namespace, callback) {
    const load = localeFiles[`../locales/${language}/${namespace}.json`];
    if (!load) return callback(new Error(`no texts for ${language}/${namespace}`), false);
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};
