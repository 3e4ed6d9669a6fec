import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LANGUAGE, LANGUAGES } from "./config";
import { i18nServerConfig } from "./resources.server";

/** The chosen language, kept for a year; it is not a secret, so it need not be signed. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production",
  maxAge: 60 * 60 * 24 * 365,
});

export const i18next = new RemixI18Next({
  // Vietnamese unless the person chose otherwise: the browser's Accept-Language is not consulted.
  detection: { supportedLanguages: [...LANGUAGES], fallbackLanguage: DEFAULT_LANGUAGE, cookie: languageCookie, order: ["cookie"] },
  i18next: i18nServerConfig,
});
