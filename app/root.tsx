import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
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
import { getSessionClock } from "~/auth/session.server";
import { DraftKeeper, SessionWatch } from "~/auth/session-watch";
import { i18next } from "~/i18n/i18next.server";
import stylesHref from "~/styles.css?url";
import { ERROR_KINDS, ErrorPage, errorPageTitle, type ErrorTitles } from "~/ui/error-page";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = await i18next.getLocale(request);
  // The session's deadline, for the idle warning (app/auth/session-watch.tsx); null when signed out.
  const session = await getSessionClock(request, context);
  return json({ locale, requestId: context.requestId, nonce: context.cspNonce, session, errorTitles: await errorTitlesFor(locale) });
}

/** Tab titles for error pages, in the person's language: meta functions have no t(), and the browser
 * holds only the namespaces its routes use, so the root loader hands them over (a few words). */
async function errorTitlesFor(locale: Awaited<ReturnType<typeof i18next.getLocale>>): Promise<ErrorTitles> {
  const [errors, common] = await Promise.all([i18next.getFixedT(locale, "errors"), i18next.getFixedT(locale, "common")]);
  const titles = Object.fromEntries(ERROR_KINDS.map((kind) => [kind, errors(`${kind}.title`)]));
  return { ...(titles as Record<(typeof ERROR_KINDS)[number], string>), appName: common("appName") };
}

export const meta: MetaFunction<typeof loader> = ({ error, data }) => (error ? [{ title: errorPageTitle(error, data?.errorTitles) }] : []);

// "auth" too: the top bar (on every page, error pages included) labels its navigation and the signed-in person from it.
export const handle = { i18n: ["common", "errors", "auth"] };

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
  return (
    <>
      <Outlet />
      <SessionWatch clock={data?.session ?? null} />
      <DraftKeeper />
    </>
  );
}

/** Error pages in the person's language, with a title and the top bar; never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  return <ErrorPage error={error} requestId={data?.requestId} />;
}
