// /h/:hospital/patients: find a patient. A GET form (?q=), so search works without JavaScript, can be
// bookmarked and goes back with the browser; every search is audited by findPatients.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { may, requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { findPatients } from "~/patients/find-patients.server";
import { PATIENT_PAGE_SIZE, PATIENT_QUERY_MAX_LENGTH } from "~/patients/patient";
import { patientListHref, readPatientListParams } from "~/patients/patient-list-params";
import { toPatientRow, type PatientAge } from "~/patients/patient-view";
import { todayInVietnam } from "~/patients/vietnam-date";
import { Button, ButtonLink } from "~/ui/button";
import { DataTable, type DataColumn } from "~/ui/data-table";
import { EmptyState } from "~/ui/empty-state";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["patients"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "patient:read");
  const { query, page } = readPatientListParams(new URL(request.url).searchParams);
  const result = await member.tx((t) =>
    findPatients(t, { query, limit: PATIENT_PAGE_SIZE, offset: (page - 1) * PATIENT_PAGE_SIZE }),
  );
  const today = todayInVietnam();
  const t = await i18next.getFixedT(request, "patients");
  return data({
    title: `${t("list.title")} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    query: result.query,
    page,
    // Counts stop at a cap (decision 014): past it the number of pages is unknown, only that there is more.
    pages: result.totalCapped ? null : Math.max(1, Math.ceil(result.total / result.limit)),
    hasNext: result.totalCapped || result.offset + result.limit < result.total,
    total: result.total,
    totalCapped: result.totalCapped,
    from: result.offset + 1,
    to: result.offset + result.patients.length,
    patients: result.patients.map((p) => toPatientRow(p, today)),
    canRegister: may(member, "patient:write"),
  });
}

/**
 * The search box keeps what the person types. It follows the address (the clear link, back and
 * forward) only while they have typed nothing since the last search went out, so a search that
 * finishes loading never wipes newer typing (the input is uncontrolled and never remounted).
 */
function useSearchBox(query: string) {
  const input = useRef<HTMLInputElement>(null);
  const typedSinceSubmit = useRef(false);
  // The query the box last followed. On the first render (hydration) the box keeps whatever is in it:
  // on a slow link a receptionist types before the page's script has run, and that must not be wiped.
  const followed = useRef(query);
  useEffect(() => {
    if (followed.current === query) return;
    followed.current = query;
    if (!typedSinceSubmit.current && input.current && input.current.value !== query) input.current.value = query;
  }, [query]);
  const reset = () => {
    typedSinceSubmit.current = false;
  };
  return {
    inputProps: {
      ref: input,
      defaultValue: query,
      onInput: () => {
        typedSinceSubmit.current = true;
      },
    },
    onSubmit: reset,
    onClear: reset,
  };
}

type PatientRow = ReturnType<typeof toPatientRow>;

export default function PatientList() {
  const { t } = useTranslation("patients");
  const { hospitalSlug, query, page, pages, hasNext, total, totalCapped, from, to, patients, canRegister } =
    useLoaderData<typeof loader>();
  const searchBox = useSearchBox(query);
  const age = (a: PatientAge) => (a.years >= 1 ? String(a.years) : t("age.months", { months: a.months }));
  const columns: DataColumn<PatientRow>[] = [
    { key: "mrn", header: t("fields.mrn"), cell: (p) => p.mrn, className: "patients-mrn" },
    { key: "name", header: t("fields.fullName"), cell: (p) => p.fullName, className: "patients-name", opens: true },
    { key: "birthDate", header: t("fields.birthDate"), cell: (p) => p.birthDate, className: "patients-date" },
    { key: "age", header: t("fields.age"), cell: (p) => age(p.age), className: "patients-age" },
    { key: "sex", header: t("fields.sex"), cell: (p) => t(`sex.${p.sex}`) },
    { key: "phone", header: t("fields.phone"), cell: (p) => p.phone ?? "", className: "patients-phone" },
  ];

  return (
    <div className="patients-page">
      <PageHeader
        title={t("list.heading")}
        actions={
          canRegister ? (
            <ButtonLink to={`/h/${hospitalSlug}/patients/new`} variant="secondary">
              {t("list.register")}
            </ButtonLink>
          ) : null
        }
      />

      <Form method="get" role="search" className="toolbar patients-search" onSubmit={searchBox.onSubmit}>
        <div>
          <label htmlFor="patient-search">{t("list.searchLabel")}</label>
          <input
            id="patient-search"
            type="search"
            name="q"
            {...searchBox.inputProps}
            // Reception types all day: the cursor starts in the search box.
            autoFocus
            maxLength={PATIENT_QUERY_MAX_LENGTH}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="patient-search-hint"
          />
        </div>
        <Button type="submit">{t("list.searchButton")}</Button>
        {query ? (
          <Link to={patientListHref(hospitalSlug, {})} className="patients-clear" onClick={searchBox.onClear}>
            {t("list.clearSearch")}
          </Link>
        ) : null}
        <p className="hint patients-search-hint" id="patient-search-hint">
          {t("list.searchHint")}
        </p>
      </Form>

      {total === 0 ? (
        query ? (
          <EmptyState title={t("list.noResults", { query })} hint={t("list.noResultsHint")} />
        ) : (
          <EmptyState title={t("list.empty")} hint={t("list.emptyHint")} />
        )
      ) : patients.length === 0 ? (
        <EmptyState title={t("list.pastLastPage")}>
          <p>
            <Link to={patientListHref(hospitalSlug, { query })}>{t("list.firstPage")}</Link>
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="muted patients-count" role="status">
            {totalCapped
              ? query
                ? t("list.countSearchMore", { from, to, total, query })
                : t("list.countMore", { from, to, total })
              : pages === 1
                ? query
                  ? t("list.countSearchAll", { count: total, query })
                  : t("list.countAll", { count: total })
                : query
                  ? t("list.countSearch", { from, to, total, query })
                  : t("list.count", { from, to, total })}
          </p>
          <DataTable
            caption={t("list.heading")}
            columns={columns}
            rows={patients}
            rowKey={(p) => p.id}
            rowHref={(p) => `/h/${hospitalSlug}/patients/${p.id}`}
            className="patients-table"
          />
          {pages === null || pages > 1 ? (
            <nav className="patients-pages" aria-label={t("list.pagination")}>
              {page > 1 ? (
                <Link to={patientListHref(hospitalSlug, { query, page: page - 1 })} rel="prev">
                  {t("list.previous")}
                </Link>
              ) : (
                <span aria-hidden="true" className="muted">
                  {t("list.previous")}
                </span>
              )}
              <span>{pages === null ? t("list.pageOfMany", { page }) : t("list.page", { page, pages })}</span>
              {hasNext ? (
                <Link to={patientListHref(hospitalSlug, { query, page: page + 1 })} rel="next">
                  {t("list.next")}
                </Link>
              ) : (
                <span aria-hidden="true" className="muted">
                  {t("list.next")}
                </span>
              )}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
