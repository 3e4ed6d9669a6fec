// /h/:hospital/lab: a lab or imaging room's worklist, pending orders or those resulted today. A GET
// form (?room=&view=), so it works without JavaScript and survives a reload. The done list shows
// results, each an audited read.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { may, requireMember } from "~/auth/guards.server";
import { backgroundRefreshHref } from "~/auth/session-timing";
import { i18next } from "~/i18n/i18next.server";
import { listResultRooms, listWorklist } from "~/orders/lab.server";
import { WORKLIST_VIEWS, type WorklistView } from "~/orders/order";
import { ResultValue } from "~/orders/result-value";
import { formatVietnameseDateTime } from "~/patients/vietnam-date";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["orders"] };

/** The pending list refreshes itself while on screen, so new orders appear without a reload. */
const REFRESH_MS = 20_000;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "visit:read");
  const search = new URL(request.url).searchParams;
  const view: WorklistView = WORKLIST_VIEWS.find((v) => v === search.get("view")) ?? "pending";
  const { rooms, roomId, rows } = await member.tx(async (t) => {
    const rooms = await listResultRooms(t);
    // Unless one is chosen, the first room with work waiting.
    const roomId = rooms.find((r) => r.id === search.get("room"))?.id ?? (rooms.find((r) => r.pending > 0) ?? rooms[0])?.id ?? null;
    const rows = roomId ? await listWorklist(t, roomId, view) : [];
    return { rooms, roomId, rows };
  });
  const t = await i18next.getFixedT(request, "orders");
  return data({
    title: `${t("lab.title")} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    rooms,
    roomId,
    view,
    canEnter: may(member, "result:write"),
    rows: rows.map((r) => ({
      ...r,
      orderedAt: formatVietnameseDateTime(new Date(r.orderedAt)),
      resultedAt: r.resultedAt ? formatVietnameseDateTime(new Date(r.resultedAt)) : null,
    })),
  });
}

export default function LabWorklist() {
  const { t } = useTranslation("orders");
  const page = useLoaderData<typeof loader>();
  const refresh = useFetcher<typeof loader>();
  const location = useLocation();
  const fresh = refresh.data;
  const loaded = fresh && fresh.roomId === page.roomId && fresh.view === page.view ? fresh : page;

  useEffect(() => {
    // Only the pending list: the done list shows results, and each showing is an audited read.
    if (page.view !== "pending") return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") refresh.load(backgroundRefreshHref(location.pathname + location.search));
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.pathname, location.search, page.view]);
  const room = loaded.rooms.find((r) => r.id === loaded.roomId);
  const base = `/h/${loaded.hospitalSlug}/lab`;
  return (
    <div className="lab-worklist">
      <PageHeader title={t("lab.heading")} />
      {loaded.rooms.length === 0 ? (
        <EmptyState title={t("lab.noRooms")} />
      ) : (
        <>
          <Form method="get" action={base} className="worklist-filter">
            <div className="field">
              <label htmlFor="lab-room">{t("lab.room")}</label>
              <select id="lab-room" name="room" defaultValue={loaded.roomId ?? undefined}>
                {loaded.rooms.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} ({r.pending})
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="field field-choices">
              <legend>{t("lab.show")}</legend>
              {WORKLIST_VIEWS.map((v) => (
                <label key={v} className="field-choice">
                  <input type="radio" name="view" value={v} defaultChecked={loaded.view === v} /> {t(`lab.${v}`)}
                </label>
              ))}
            </fieldset>
            <Button type="submit" variant="secondary">
              {t("lab.show")}
            </Button>
          </Form>
          {loaded.rows.length === 0 ? (
            <EmptyState title={loaded.view === "pending" ? t("lab.emptyPending") : t("lab.emptyDone")} />
          ) : (
            <table className="data worklist-table">
              <caption className="visually-hidden">{t("lab.caption", { room: room?.name ?? "" })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("columns.queue")}</th>
                  <th scope="col">{t("columns.patient")}</th>
                  <th scope="col">{t("columns.service")}</th>
                  <th scope="col">{loaded.view === "pending" ? t("columns.orderedAt") : t("columns.resultedAt")}</th>
                  {loaded.view === "done" ? <th scope="col">{t("columns.result")}</th> : null}
                  <th scope="col">{t("columns.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.rows.map((row) => (
                  <tr key={row.id} data-testid={`worklist-${row.serviceCode}`}>
                    <td>{row.queueNumber}</td>
                    <td>
                      {row.patientName} <span className="muted">({row.patientMrn})</span>
                    </td>
                    <td>{row.serviceName}</td>
                    <td>{loaded.view === "pending" ? row.orderedAt : row.resultedAt}</td>
                    {loaded.view === "done" ? <td>{row.result ? <ResultValue result={row.result} /> : null}</td> : null}
                    <td>
                      {loaded.canEnter ? (
                        <Link to={`${base}/${row.id}`} aria-label={t(loaded.view === "pending" ? "lab.openOrder" : "lab.correctOrder", { service: row.serviceName, name: row.patientName })}>
                          {loaded.view === "pending" ? t("lab.enter") : t("lab.correct")}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
