import { createCookie } from "@remix-run/node";
import { createInstance, type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, NAMESPACES, type Language } from "./config";
import { i18nServerConfig } from "./resources.server";

/** The chosen language, kept for a year; it is not a secret, so it need not be signed. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production",
  maxAge: 60 * 60 * 24 * 365,
});

// Detection only. Its getFixedT creates and initialises a new i18next for every call (about 14 % of a
// page's CPU under load), so translations come from the instances below instead.
const detector = new RemixI18Next({
  // Vietnamese unless the person chose otherwise: the browser's Accept-Language is not consulted.
  detection: { supportedLanguages: [...LANGUAGES], fallbackLanguage: DEFAULT_LANGUAGE, cookie: languageCookie, order: ["cookie"] },
  i18next: i18nServerConfig,
});

const instances = new Map<Language, Promise<i18n>>();

/**
 * The one initialised i18next of a language, shared by every request in this process: loaders' t()
 * and the server render. Sharing is safe because every resource is bundled and nothing on the server
 * changes an instance after init (no changeLanguage, no loading); a request in the other language uses
 * the other instance.
 */
export function serverI18n(lng: Language): Promise<i18n> {
  let instance = instances.get(lng);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nServerConfig, lng })
      .then(() => created);
    instances.set(lng, instance);
  }
  return instance;
}

export const i18next = {
  /** The request's language: the `lng` cookie, else Vietnamese. */
  async getLocale(request: Request): Promise<Language> {
    const lng = await detector.getLocale(request);
    return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
  },

  /** t() of one namespace in the request's language (or in the language given). */
  async getFixedT<N extends (typeof NAMESPACES)[number]>(requestOrLocale: Request | Language, namespace: N): Promise<TFunction<N>> {
    const lng = typeof requestOrLocale === "string" ? requestOrLocale : await i18next.getLocale(requestOrLocale);
    return (await serverI18n(lng)).getFixedT(lng, namespace) as TFunction<N>;
  },
};
