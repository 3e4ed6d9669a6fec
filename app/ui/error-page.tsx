// The page a person sees when something is not there or not allowed: a title in the tab, the top bar
// (so they can get back), a heading and what to do, in their language; never internals.
import { isRouteErrorResponse, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { HOSPITAL_SUSPENDED } from "~/lib/http-errors";
import { PageHeader } from "./page-header";
import { PageFrame } from "./top-bar";

export const ERROR_KINDS = ["badRequest", "notFound", "forbidden", "suspended", "conflict", "server"] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Requests that cannot be read (a broken form, a body that is not a form, too large): the sender's fault. */
const CLIENT_FAULTS = new Set([400, 413, 415]);

/** Which message of errors.json explains this error; anything unexpected is the server's problem. */
export function errorKind(error: unknown): ErrorKind {
  if (!isRouteErrorResponse(error)) return "server";
  if ((error.data as { reason?: unknown } | null)?.reason === HOSPITAL_SUSPENDED) return "suspended";
  if (error.status === 404) return "notFound";
  if (error.status === 403) return "forbidden";
  if (error.status === 409) return "conflict";
  return CLIENT_FAULTS.has(error.status) ? "badRequest" : "server";
}

/** Each kind's title and the product's name, in the person's language (from the root loader). */
export type ErrorTitles = Record<ErrorKind, string> & { appName: string };

/** The tab title of an error page, for a route's meta function (which has no translation function). */
export function errorPageTitle(error: unknown, titles: ErrorTitles | undefined, place?: string): string {
  if (!titles) return place ?? "";
  return `${titles[errorKind(error)]} · ${place ?? titles.appName}`;
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
  return <PageFrame brand={{ label: t("common:appName"), to: "/" }}>{body}</PageFrame>;
}
