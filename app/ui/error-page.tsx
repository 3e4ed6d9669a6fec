// The page a person sees when something is not there or not allowed: a title in the tab, the top bar
// (so they can get back), a heading and what to do, in their language; never internals.
import { isRouteErrorResponse, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DEFAULT_LANGUAGE, isLanguage, resources } from "~/i18n/config";
import { PageHeader } from "./page-header";
import { TopBar } from "./top-bar";

export type ErrorKind = "badRequest" | "notFound" | "forbidden" | "conflict" | "server";

export function errorKind(error: unknown): ErrorKind {
  if (!isRouteErrorResponse(error)) return "server";
  if (error.status === 400) return "badRequest";
  if (error.status === 404) return "notFound";
  if (error.status === 403) return "forbidden";
  if (error.status === 409) return "conflict";
  return "server";
}

/** The tab title of an error page, for a route's meta function (which has no translation function). */
export function errorPageTitle(error: unknown, locale: unknown, place?: string): string {
  const texts = resources[isLanguage(locale) ? locale : DEFAULT_LANGUAGE];
  return `${texts.errors[errorKind(error)].title} · ${place ?? texts.common.appName}`;
}

type ErrorPageProps = {
  error: unknown;
  requestId?: string;
  /** Inside a layout that already has the top bar and <main> (a hospital's pages). */
  framed?: boolean;
  home?: string;
};

export function ErrorPage({ error, requestId, framed = false, home = "/" }: ErrorPageProps) {
  const { t } = useTranslation(["errors", "common"]);
  const kind = errorKind(error);
  const body = (
    <div className="error-page" data-testid="error-page">
      <PageHeader title={t(`${kind}.title`)} />
      <p>{t(`${kind}.body`)}</p>
      {kind === "server" && requestId ? <p className="muted">{t("requestId", { id: requestId })}</p> : null}
      <p>
        <Link to={home}>{t("backHome")}</Link>
      </p>
    </div>
  );
  if (framed) return body;
  return (
    <>
      <TopBar brand={{ label: t("common:appName"), to: "/" }} />
      <main id="main" tabIndex={-1}>
        {body}
      </main>
    </>
  );
}
