// /h/:hospital/worklist: a room's patients of the day, waiting / being seen / done, with queue number
// and waiting time; "call the next patient" in one action. The room comes from ?room=, else the room
// this person last chose (a cookie), else the first. The page refreshes itself every 20 seconds as a
// background refresh, so an unattended screen does not keep the session alive (decision 027).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { may, requireMember } from "~/auth/guards.server";
import { backgroundRefreshHref, isBackgroundRefresh } from "~/auth/session-timing";
import { i18next } from "~/i18n/i18next.server";
import { badRequest } from "~/lib/http-errors";
import { todayInVietnam } from "~/patients/vietnam-date";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { PageHeader } from "~/ui/page-header";
import { timeOf } from "~/visits/visit-frame";
import { visitPath } from "~/visits/visit-tabs";
import { callNextPatient, findWorklistRoom, getWorklist, listWorklistRooms, type WorklistEntry } from "~/visits/worklist.server";

import visitStyles from "~/visits/visits.css?url";

export const links = () => [{ rel: "stylesheet", href: visitStyles }];

export const handle = { i18n: ["visit", "patients"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const ROOM_COOKIE = "emr_worklist_room";
const REFRESH_MS = 20_000;

function roomFromCookie(request: Request): string | null {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${ROOM_COOKIE}=([0-9a-f-]{36})`));
  return match?.[1] ?? null;
}

function roomCookie(slug: string, roomId: string): string {
  return `${ROOM_COOKIE}=${roomId}; Path=/h/${slug}; Max-Age=${60 * 60 * 24 * 60}; SameSite=Lax; HttpOnly`;
}

type Row = Omit<WorklistEntry, "arrivedAt" | "calledAt"> & { waitedMinutes: number; mine: boolean };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "visit:read");
  const url = new URL(request.url);
  const asked = url.searchParams.get("room");
  const day = todayInVietnam();
  const now = Date.now();
  const result = await member.tx(async (t) => {
    const rooms = await listWorklistRooms(t);
    const wanted = asked ?? roomFromCookie(request);
    const room = rooms.find((r) => r.id === wanted) ?? rooms[0] ?? null;
    const entries = room ? await getWorklist(t, room, day) : [];
    return { rooms, room, entries };
  });
  const rows: Row[] = result.entries.map(({ arrivedAt, calledAt, ...entry }) => ({
    ...entry,
    waitedMinutes: Math.max(0, Math.floor(((calledAt ?? new Date(now)).getTime() - arrivedAt.getTime()) / 60_000)),
    mine: entry.clinicianId === member.user.id,
  }));
  const t = await i18next.getFixedT(request, "visit");
  const headers = new Headers();
  // Remember the room a person chose; a background refresh changes nothing.
  if (result.room && asked === result.room.id && !isBackgroundRefresh(url)) headers.append("Set-Cookie", roomCookie(member.hospital.slug, result.room.id));
  return data(
    {
      title: `${t("worklist.title")}${result.room ? ` ${result.room.code}` : ""} · ${member.hospital.name}`,
      hospitalSlug: member.hospital.slug,
      rooms: result.rooms,
      room: result.room,
      rows,
      canCall: may(member, "note:write") && result.room !== null && result.room.kind !== "triage",
      called: url.searchParams.get("called"),
      nobody: url.searchParams.has("nobody"),
      updatedAt: new Date(now).toISOString(),
    },
    { headers },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "note:write");
  const form = await readFormData(request);
  const roomId = form.get("room");
  if (typeof roomId !== "string") throw badRequest();
  const slug = member.hospital.slug;
  const called = await member.tx(async (t) => {
    const room = await findWorklistRoom(t, roomId);
    if (!room || room.kind === "triage") return "no-room" as const;
    return callNextPatient(t, room.id, todayInVietnam(), member.user.id);
  });
  if (called === "no-room") throw badRequest();
  if (!called) return redirect(`/h/${slug}/worklist?room=${roomId}&nobody=1`);
  // Straight to the patient: calling in and opening the visit is one action.
  return redirect(`${visitPath(slug, called.id, "/note")}?called=${called.queueNumber}`);
}

export default function Worklist() {
  const { t } = useTranslation(["visit", "patients"]);
  const loaded = useLoaderData<typeof loader>();
  const refresh = useFetcher<typeof loader>();
  const location = useLocation();
  const navigation = useNavigation();
  const current = refresh.data && refresh.data.room?.id === loaded.room?.id ? refresh.data : loaded;

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") refresh.load(backgroundRefreshHref(location.pathname + location.search));
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.pathname, location.search]);

  const waiting = current.rows.filter((r) => r.status === "waiting");
  const inProgress = current.rows.filter((r) => r.status === "in_progress");
  const done = current.rows.filter((r) => r.status === "done");

  return (
    <div className="worklist">
      <PageHeader title={t("worklist.heading")} />
      {current.rooms.length === 0 ? (
        <EmptyState title={t("worklist.noRooms")} hint={t("worklist.noRoomsHint")} />
      ) : (
        <>
          <Form method="get" className="worklist-room">
            <label htmlFor="worklist-room">{t("worklist.room")}</label>
            <select id="worklist-room" name="room" defaultValue={current.room?.id}>
              {current.rooms.map((room) => (
                <option key={room.id} value={room.id}>
                  {room.code} · {room.name}
                </option>
              ))}
            </select>
            <Button type="submit" variant="secondary">
              {t("worklist.show")}
            </Button>
          </Form>
          {current.room?.kind === "triage" ? <p className="muted">{t("worklist.triageHint")}</p> : null}
          {loaded.nobody ? (
            <Banner tone="info" focus>
              {t("worklist.nobodyWaiting")}
            </Banner>
          ) : null}
          {current.canCall && current.room ? (
            <Form method="post" className="worklist-call">
              <input type="hidden" name="room" value={current.room.id} />
              <Button type="submit" disabled={navigation.state !== "idle"} data-testid="call-next">
                {t("worklist.callNext")}
              </Button>
            </Form>
          ) : null}
          <Section title={t("worklist.sectionWaiting", { count: waiting.length })} rows={waiting} slug={current.hospitalSlug} triage={current.room?.kind === "triage"} />
          <Section title={t("worklist.sectionInProgress", { count: inProgress.length })} rows={inProgress} slug={current.hospitalSlug} triage={current.room?.kind === "triage"} />
          {current.room?.kind !== "triage" ? <Section title={t("worklist.sectionDone", { count: done.length })} rows={done} slug={current.hospitalSlug} triage={false} /> : null}
          <p className="muted" aria-live="polite">
            {t("worklist.updatedAt", { time: timeOf(current.updatedAt) })}
          </p>
        </>
      )}
    </div>
  );
}

function Section({ title, rows, slug, triage }: { title: string; rows: Row[]; slug: string; triage: boolean }) {
  const { t } = useTranslation(["visit", "patients"]);
  return (
    <section className="panel worklist-section">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("worklist.emptySection")}</p>
      ) : (
        <table className="data worklist-table">
          <thead>
            <tr>
              <th scope="col">{t("worklist.queue")}</th>
              <th scope="col">{t("worklist.patient")}</th>
              <th scope="col">{t("worklist.mrn")}</th>
              {triage ? <th scope="col">{t("worklist.roomCode")}</th> : null}
              <th scope="col">{t("worklist.waited")}</th>
              <th scope="col">{t("worklist.vitals")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="worklist-number">{row.queueNumber}</td>
                <td>
                  <Link to={visitPath(slug, row.id, triage ? "" : "/note")} aria-label={t("worklist.open", { number: row.queueNumber, name: row.patientName })}>
                    {row.patientName}
                  </Link>
                  {row.mine ? <span className="tag"> {t("worklist.byMe")}</span> : null}
                </td>
                <td>{row.mrn}</td>
                {triage ? <td>{row.roomCode}</td> : null}
                <td>{t("worklist.minutes", { count: row.waitedMinutes })}</td>
                <td>{row.hasVitals ? t("worklist.vitalsDone") : t("worklist.vitalsMissing")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
