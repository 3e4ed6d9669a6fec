import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { i18next } from "~/i18n/i18next.server";
import { HOSPITAL_SUSPENDED } from "~/lib/http-errors";
import stylesHref from "~/styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = await i18next.getLocale(request);
  return json({ locale, requestId: context.requestId, nonce: context.cspNonce });
}

export const handle = { i18n: ["common", "errors"] };

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  const locale = data?.locale ?? i18n.language ?? "vi";
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={data?.nonce} />
        <Scripts nonce={data?.nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  useChangeLanguage(data?.locale ?? "vi");
  return <Outlet />;
}

/** Requests that cannot be read (a broken form, a body that is not a form): the sender's fault, not ours. */
const CLIENT_FAULTS = new Set([400, 413, 415]);

/** Which message of errors.json explains this error; anything unexpected is the server's problem. */
function errorKind(error: unknown): "suspended" | "notFound" | "forbidden" | "conflict" | "badRequest" | "server" {
  if (!isRouteErrorResponse(error)) return "server";
  if ((error.data as { reason?: unknown } | null)?.reason === HOSPITAL_SUSPENDED) return "suspended";
  if (error.status === 404) return "notFound";
  if (error.status === 403) return "forbidden";
  if (error.status === 409) return "conflict";
  return CLIENT_FAULTS.has(error.status) ? "badRequest" : "server";
}

/** Error pages in the person's language; never a stack trace (Remix strips it in production). */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("errors");
  const data = useRouteLoaderData<typeof loader>("root");
  const kind = errorKind(error);
  return (
    <main className="error-page" data-testid="error-page">
      <h1>{t(`${kind}.title`)}</h1>
      <p>{t(`${kind}.body`)}</p>
      {kind === "server" && data?.requestId ? <p className="muted">{t("requestId", { id: data.requestId })}</p> : null}
      <p>
        <a href="/">{t("backHome")}</a>
      </p>
    </main>
  );
}
