// /h/:hospital/settings/export: the hospital's own data as a ZIP archive (issue 9, decision 053). Asking
// records a request and queues the job that builds it; the list shows past exports, refreshes itself
// while one is being prepared, and links each ready archive until it expires. data:export is a read:
// it works in a read-only hospital too, whose data stays its own.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { backgroundRefreshHref } from "~/auth/session-timing";
import { requireMember } from "~/auth/guards.server";
import { EXPORT_LIFETIME_HOURS, exportJobPayloadOf, listExports, queueExportJob, requestExport } from "~/exports/exports.server";
import { i18next } from "~/i18n/i18next.server";
import { formatVietnameseDateTime } from "~/patients/vietnam-date";
import { readFormData } from "~/server/read-form-data.server";
import { describePeople } from "~/staff/people-of.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const REFRESH_MS = 5_000;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "data:export");
  const t = await i18next.getFixedT(request, "staff");
  const search = new URL(request.url).searchParams;
  const exports = await member.tx((tx) => listExports(tx));
  // Names of who asked: a member, or a vendor staff member under a support grant (a users row too).
  const named = (e: (typeof exports)[number]) => e.requestedBy !== null && (e.requestedByKind === "user" || e.requestedByKind === "support");
  const people = await describePeople([...new Set(exports.flatMap((e) => (named(e) ? [e.requestedBy!] : [])))]);
  return data({
    title: `${t("export.title")} · ${member.hospital.name}`,
    slug: member.hospital.slug,
    lifetimeHours: EXPORT_LIFETIME_HOURS,
    notice: (["queued", "alreadyRunning", "expiredLink", "notReady"] as const).find((key) => search.get("notice") === key) ?? null,
    working: exports.some((e) => e.status === "queued" || e.status === "running"),
    exports: exports.map((e) => ({
      id: e.id,
      status: e.status,
      requestedAt: formatVietnameseDateTime(e.requestedAt),
      requestedBy: named(e) ? (people.get(e.requestedBy!)?.displayName ?? "") : null,
      requestedByKind: e.requestedByKind,
      size: e.fileSize,
      rows: e.rows,
      files: e.files,
      expiresAt: e.expiresAt ? formatVietnameseDateTime(e.expiresAt) : null,
      downloads: e.downloads,
      error: e.error,
    })),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // A read permission whose action only records the request (opensInAction, decision 053).
  const member = await requireMember(request, context, params.hospital, "data:export");
  await readFormData(request);
  const here = `/h/${member.hospital.slug}/settings/export`;
  const result = await member.tx((t) => requestExport(t));
  if (!result.ok) return redirect(`${here}?notice=${result.problem}`);
  await queueExportJob(exportJobPayloadOf(member.hospital.id, result.id, member.actor));
  return redirect(`${here}?notice=queued`);
}

/** Bytes as people read them: KB, MB, GB (decimal), one decimal place. */
function formatSize(bytes: number | null): string {
  if (bytes === null) return "";
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export default function SettingsExport() {
  const { t } = useTranslation("staff");
  const loaded = useLoaderData<typeof loader>();
  const refresh = useFetcher<typeof loader>();
  const location = useLocation();
  const current = refresh.data ?? loaded;

  // While an export is being prepared the list asks again every few seconds, without extending the session.
  useEffect(() => {
    if (!current.working) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") refresh.load(backgroundRefreshHref(location.pathname));
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current.working, location.pathname]);

  const here = `/h/${current.slug}/settings/export`;
  return (
    <div className="settings-export">
      <PageHeader title={t("export.title")} intro={t("export.intro", { hours: current.lifetimeHours })} />
      {loaded.notice ? (
        <Banner tone={loaded.notice === "queued" ? "ok" : "warn"} focus data-testid="export-notice">
          {t(`export.${loaded.notice}`)}
        </Banner>
      ) : null}
      <Form method="post" action={here}>
        <Button type="submit" disabled={current.working}>
          {t("export.start")}
        </Button>
      </Form>
      <p className="muted">{t("export.formatLink")}</p>
      {current.working ? (
        <p role="status" data-testid="export-working">
          {t("export.working")}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="exports-heading">
        <h2 id="exports-heading">{t("export.history")}</h2>
        {current.exports.length === 0 ? (
          <EmptyState title={t("export.none")} />
        ) : (
          <table className="data" data-testid="exports">
            <thead>
              <tr>
                <th scope="col">{t("export.requestedAt")}</th>
                <th scope="col">{t("export.requestedBy")}</th>
                <th scope="col">{t("export.status")}</th>
                <th scope="col">{t("export.size")}</th>
                <th scope="col">{t("export.contents")}</th>
                <th scope="col">{t("export.expiresAt")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("export.download")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {current.exports.map((e) => (
                <tr key={e.id} data-export={e.id} data-status={e.status}>
                  <td>{e.requestedAt}</td>
                  <td>
                    {e.requestedBy && e.requestedByKind === "support"
                      ? `${e.requestedBy} (${t("export.support")})`
                      : (e.requestedBy ?? (e.requestedByKind === "support" ? t("export.support") : t("export.system")))}
                  </td>
                  <td>
                    {t(`export.statuses.${e.status}`)}
                    {e.status === "failed" && e.error ? (
                      <>
                        <br />
                        <span className="muted">{t("export.failedHint", { error: e.error })}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{formatSize(e.size)}</td>
                  <td>
                    {e.rows !== null && e.files !== null ? t("export.rowsInFiles", { rows: e.rows, files: e.files }) : ""}
                    {e.downloads > 0 ? (
                      <>
                        <br />
                        <span className="muted">{t("export.downloads", { count: e.downloads })}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{e.status === "ready" ? e.expiresAt : ""}</td>
                  <td>
                    {e.status === "ready" ? (
                      // A plain link: the browser downloads the file; no client-side routing.
                      <a href={`${here}/${e.id}/download`} download>
                        {t("export.download")}
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
