// /h/:hospital/reception: the reception desk. Opens on today's visits (queue number, patient, room,
// status, waiting time) and the patients registered last, with the cursor in one search box that also
// takes a scan of the chip ID card's QR code: a scanned card opens the patient who has that citizen ID,
// or the registration form filled in from it (issue 8). Not an A–Z list of everyone.
import { data, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { may, requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { toPatientRow, type PatientRow } from "~/patients/patient-view";
import { formatVietnameseDateTime, todayInVietnam } from "~/patients/vietnam-date";
import { findReceptionPatients } from "~/reception/find-reception.server";
import { findPatientByCitizenId } from "~/reception/find-duplicates.server";
import { looksCompleteIdCardScan, parseIdCardScan } from "~/reception/id-card-qr";
import receptionStyles from "~/reception/reception.css?url";
import { listRecentPatients, listTodayVisits } from "~/reception/visits.server";
import { Button, ButtonLink } from "~/ui/button";
import { DataTable, type DataColumn } from "~/ui/data-table";
import { EmptyState } from "~/ui/empty-state";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["patients", "reception"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: receptionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** Long enough for a whole ID-card scan (name and address included). */
const RECEPTION_QUERY_MAX_LENGTH = 400;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "patient:read");
  const slug = member.hospital.slug;
  const typed = (new URL(request.url).searchParams.get("q") ?? "").slice(0, RECEPTION_QUERY_MAX_LENGTH);
  const canStartVisit = may(member, "visit:register");
  const canRegister = may(member, "patient:write");
  const scan = parseIdCardScan(typed);
  if (scan) {
    const existing = await member.tx((t) => findPatientByCitizenId(t, scan.citizenId));
    if (existing) throw redirect(canStartVisit ? `/h/${slug}/reception/visit/${existing.id}?found=1` : `/h/${slug}/patients/${existing.id}`);
    if (canRegister) throw redirect(`/h/${slug}/patients/new?scan=${encodeURIComponent(typed)}`);
  }
  const query = scan ? scan.citizenId : typed.normalize("NFC").replace(/\s+/g, " ").trim();
  const now = new Date();
  const today = todayInVietnam(now);
  const { results, visits, recent } = await member.tx(async (t) => ({
    results: query ? await findReceptionPatients(t, query) : null,
    visits: may(member, "visit:read") ? await listTodayVisits(t, { now }) : [],
    recent: query ? [] : await listRecentPatients(t),
  }));
  const t = await i18next.getFixedT(request, "reception");
  return data({
    title: `${t("home.title")} · ${member.hospital.name}`,
    hospitalSlug: slug,
    query,
    canStartVisit,
    canRegister,
    results: results ? results.patients.map((p) => toPatientRow(p, today)) : null,
    visits: visits.map((visit) => ({
      ...visit,
      createdAt: formatVietnameseDateTime(visit.createdAt).slice(11),
      waitingMinutes: visit.status === "waiting" ? Math.max(0, Math.floor((now.getTime() - visit.createdAt.getTime()) / 60000)) : null,
    })),
    recent: recent.map((p) => toPatientRow(p, today)),
  });
}

export default function ReceptionHome() {
  const { t } = useTranslation(["reception", "patients"]);
  const loaded = useLoaderData<typeof loader>();
  const { hospitalSlug: slug } = loaded;
  const form = useRef<HTMLFormElement>(null);
  const patientHref = (row: PatientRow) => (loaded.canStartVisit ? `/h/${slug}/reception/visit/${row.id}` : `/h/${slug}/patients/${row.id}`);
  const resultColumns: DataColumn<PatientRow>[] = [
    { key: "name", header: t("columns.patient"), cell: (row) => row.fullName, opens: true, className: "patients-name" },
    { key: "mrn", header: t("columns.mrn"), cell: (row) => row.mrn },
    { key: "birth", header: t("columns.birthDate"), cell: (row) => row.birthDate },
    { key: "sex", header: t("patients:fields.sex"), cell: (row) => t(`patients:sex.${row.sex}`) },
    { key: "phone", header: t("columns.phone"), cell: (row) => row.phone ?? "" },
  ];
  type VisitRow = (typeof loaded.visits)[number];
  const visitColumns: DataColumn<VisitRow>[] = [
    { key: "queue", header: t("columns.queue"), cell: (row) => <span className="queue-number">{row.queueNumber}</span>, opens: true },
    { key: "patient", header: t("columns.patient"), cell: (row) => `${row.patientName} (${row.mrn})` },
    { key: "room", header: t("columns.room"), cell: (row) => row.roomName },
    { key: "status", header: t("columns.status"), cell: (row) => t(`status.${row.status}`) },
    {
      key: "waiting",
      header: t("columns.waiting"),
      cell: (row) => (row.waitingMinutes === null ? "" : t("home.waitingMinutes", { count: row.waitingMinutes })),
    },
    { key: "payer", header: t("columns.payer"), cell: (row) => t(`payer.${row.payer}`) },
  ];

  return (
    <div className="reception-page">
      <PageHeader
        title={t("home.heading")}
        actions={
          loaded.canRegister ? (
            <ButtonLink to={`/h/${slug}/patients/new`} variant="secondary">
              {t("home.register")}
            </ButtonLink>
          ) : null
        }
      />
      <Form method="get" role="search" className="reception-search" ref={form}>
        <div className="field">
          <label htmlFor="reception-search">{t("home.searchLabel")}</label>
          <input
            id="reception-search"
            type="search"
            name="q"
            defaultValue={loaded.query}
            // Reception types (and scans) all day: the cursor starts here.
            autoFocus
            maxLength={RECEPTION_QUERY_MAX_LENGTH}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="reception-search-hint"
            data-scan-target=""
            onInput={(event) => {
              // A scanner types the whole card; send it as soon as it is complete.
              if (looksCompleteIdCardScan(event.currentTarget.value)) form.current?.requestSubmit();
            }}
          />
        </div>
        <Button type="submit">{t("home.searchButton")}</Button>
        <p className="hint reception-search-hint" id="reception-search-hint">
          {t("home.searchHint")}
        </p>
      </Form>

      {loaded.results ? (
        <section className="panel reception-results" aria-labelledby="reception-results-heading">
          <h2 id="reception-results-heading">{t("home.results", { query: loaded.query })}</h2>
          {loaded.results.length === 0 ? (
            <EmptyState title={t("home.noResults", { query: loaded.query })} hint={t("home.noResultsHint")} />
          ) : (
            <DataTable
              caption={t("home.results", { query: loaded.query })}
              columns={resultColumns}
              rows={loaded.results}
              rowKey={(row) => row.id}
              rowHref={patientHref}
              rowLabel={(row) => (loaded.canStartVisit ? t("home.startVisitFor", { name: row.fullName }) : row.fullName)}
              className="patients-table"
            />
          )}
        </section>
      ) : null}

      <div className="reception-columns">
        <section className="panel" aria-labelledby="reception-today-heading">
          <h2 id="reception-today-heading">{t("home.today")}</h2>
          {loaded.visits.length === 0 ? (
            <EmptyState title={t("home.todayEmpty")} hint={t("home.todayEmptyHint")} />
          ) : (
            <DataTable
              caption={t("home.today")}
              columns={visitColumns}
              rows={loaded.visits}
              rowKey={(row) => row.id}
              rowHref={(row) => `/h/${slug}/reception/slip/${row.id}`}
              rowLabel={(row) => t("home.slipFor", { number: row.queueNumber, name: row.patientName })}
            />
          )}
        </section>
        {loaded.results ? null : (
          <section className="panel" aria-labelledby="reception-recent-heading">
            <h2 id="reception-recent-heading">{t("home.recent")}</h2>
            {loaded.recent.length === 0 ? (
              <p className="muted">{t("home.recentEmpty")}</p>
            ) : (
              <ul className="recent-list">
                {loaded.recent.map((row) => (
                  <li key={row.id}>
                    <Link to={patientHref(row)}>{row.fullName}</Link>
                    <span className="muted">
                      {row.mrn} · {row.birthDate}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
