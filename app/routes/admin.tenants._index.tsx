// /admin/tenants: every hospital at a glance (issue 9; decision 057). Counts come from the aggregates a job
// refreshes, never from patient rows; search, filters, sorting and the page are URL parameters, so a
// view can be bookmarked and works without JavaScript.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatBytes, formatCount, formatDateTime } from "~/admin/console/format";
import { SORTS, tenantListHref, type TenantSort } from "~/admin/console/tenant-list";
import { listTenants, parseTenantListQuery, STATUSES, tenantListChoices } from "~/admin/console/tenants.server";
import { requireStaff } from "~/auth/staff-session.server";
import { i18next } from "~/i18n/i18next.server";
import { Button } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["console", "admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  const query = parseTenantListQuery(new URL(request.url).searchParams);
  const [list, choices] = await Promise.all([listTenants(query), tenantListChoices()]);
  const t = await i18next.getFixedT(request, "console");
  return data({ title: t("tenants.title"), list, choices, statuses: STATUSES });
}

const SORT_COLUMNS: { sort: TenantSort; key: string }[] = [
  { sort: "name", key: "name" },
  { sort: "patients", key: "patients" },
  { sort: "visits", key: "visits7d" },
  { sort: "activity", key: "lastActivity" },
  { sort: "size", key: "size" },
];

export default function Tenants() {
  const { t } = useTranslation("console");
  const { list, choices, statuses } = useLoaderData<typeof loader>();
  const { query } = list;
  const sortHeader = (sort: TenantSort, label: string) => {
    const active = query.sort === sort;
    const dir = active && query.dir === "asc" ? "desc" : active ? "asc" : sort === "name" ? "asc" : "desc";
    return (
      <Link to={tenantListHref(query, { sort, dir })} aria-label={t("tenants.sortBy", { column: label })}>
        {label}
        {active ? (query.dir === "asc" ? " ▲" : " ▼") : null}
      </Link>
    );
  };
  const headerFor = (key: string) => {
    const column = SORT_COLUMNS.find((c) => c.key === key);
    const label = t(`tenants.columns.${key}` as never);
    return column && (SORTS as readonly string[]).includes(column.sort) ? sortHeader(column.sort, label) : label;
  };
  return (
    <>
      <PageHeader title={t("tenants.title")} intro={t("tenants.intro")} />
      <Form method="get" className="filters" role="search">
        <label>
          {t("tenants.search.label")}
          <input type="search" name="q" defaultValue={query.q} placeholder={t("tenants.search.placeholder")} />
        </label>
        <label>
          {t("tenants.filters.status")}
          <select name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("tenants.filters.any")}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}` as never)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("tenants.filters.province")}
          <select name="province" defaultValue={query.province ?? ""}>
            <option value="">{t("tenants.filters.any")}</option>
            {choices.provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("tenants.filters.template")}
          <select name="template" defaultValue={query.template ?? ""}>
            <option value="">{t("tenants.filters.any")}</option>
            {choices.templates.map((tp) => (
              <option key={`${tp.code}@${tp.version}`} value={tp.version ? `${tp.code}@${tp.version}` : tp.code}>
                {tp.code} {tp.version ?? ""}
              </option>
            ))}
          </select>
        </label>
        {query.sort !== "name" || query.dir !== "asc" ? (
          <>
            <input type="hidden" name="sort" value={query.sort} />
            <input type="hidden" name="dir" value={query.dir} />
          </>
        ) : null}
        <Button type="submit">{t("tenants.search.submit")}</Button>
        <Link to="/admin/tenants">{t("tenants.search.clear")}</Link>
      </Form>
      <p className="muted" data-testid="tenants-summary">
        {t("tenants.summary", { count: list.total, page: query.page, pages: list.pages })}{" "}
        {list.refreshedAt ? t("tenants.updatedAt", { at: formatDateTime(list.refreshedAt) }) : t("tenants.notRefreshed")}
      </p>
      {list.rows.length === 0 ? (
        <p>{t("tenants.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="tenants-table">
            <caption className="visually-hidden">{t("tenants.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{headerFor("name")}</th>
                <th scope="col">{t("tenants.columns.province")}</th>
                <th scope="col">{t("tenants.columns.template")}</th>
                <th scope="col">{t("tenants.columns.status")}</th>
                <th scope="col">{t("tenants.columns.setup")}</th>
                <th scope="col" className="num">{t("tenants.columns.staff")}</th>
                <th scope="col" className="num">{headerFor("patients")}</th>
                <th scope="col" className="num">{headerFor("visits7d")}</th>
                <th scope="col">{headerFor("lastActivity")}</th>
                <th scope="col" className="num">{headerFor("size")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/admin/tenants/${r.id}`}>{r.name}</Link>
                    <div className="muted">
                      {r.slug}
                      {r.facilityCode ? ` · ${r.facilityCode}` : ""}
                    </div>
                  </td>
                  <td>{r.province ?? "—"}</td>
                  <td>{r.template ? `${r.template.code} ${r.template.version ?? ""}` : "—"}</td>
                  <td>{t(`status.${r.status}` as never)}</td>
                  <td>
                    {r.setup.next
                      ? t("tenants.setupAt", { done: r.setup.done, total: r.setup.total, step: t(`steps.${r.setup.next}` as never) })
                      : t("tenants.setupDone")}
                  </td>
                  <td className="num">{formatCount(r.staff)}</td>
                  <td className="num">{formatCount(r.patients)}</td>
                  <td className="num">{formatCount(r.visits7d)}</td>
                  <td>{formatDateTime(r.lastActivityAt)}</td>
                  <td className="num">{formatBytes(r.approxBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("tenants.pager")}>
        {query.page > 1 ? <Link to={tenantListHref(query, { page: query.page - 1 })}>{t("tenants.previous")}</Link> : null}
        {query.page < list.pages ? (
          <Link to={tenantListHref(query, { page: query.page + 1 })} rel="next">
            {t("tenants.next")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
