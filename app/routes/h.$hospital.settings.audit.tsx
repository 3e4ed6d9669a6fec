// /h/:hospital/settings/audit: the hospital's own audit log (permission audit:read). Who did what and
// when, people by name (hospital users and, for support access, the vendor's staff members), filtered
// to support activity, dates, a person or a patient, fifty entries a page (decision 059).
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { describePeople } from "~/staff/people-of.server";
import { auditActors, readAuditFilters, readAuditLog } from "~/support/audit-log.server";
import { formatVietnamTime } from "~/support/format-time";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { Field } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import { SelectField } from "~/ui/select-field";

export const handle = { i18n: ["support", "staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const KINDS = ["user", "support", "platform", "system", "unknown"] as const;
type Kind = (typeof KINDS)[number];
const kindOf = (value: string): Kind => ((KINDS as readonly string[]).includes(value) ? (value as Kind) : "unknown");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "audit:read");
  const url = new URL(request.url);
  const { filters, problems } = readAuditFilters(url.searchParams);
  const { log, actors } = await member.tx(async (t) => ({ log: await readAuditLog(t, filters), actors: await auditActors(t) }));
  const ids = [...new Set([...actors.members, ...actors.supportStaff, ...log.rows.map((r) => r.actorId).filter((id): id is string => Boolean(id))])];
  const people = await describePeople(ids);
  const t = await i18next.getFixedT(request, "support");
  // A sentence for the action where one is known ("Opened a patient's record", "Changed visit note"), the
  // code itself otherwise; the code stays shown beside it, for whoever searches the log by it.
  const describeAction = (code: string): string | null => {
    const known = t(`audit.actions.${code}` as never, { defaultValue: "" });
    if (known) return known;
    const write = /^([a-z_]+)\.(insert|update|delete)$/.exec(code);
    if (!write) return null;
    return t(`audit.ops.${write[2]}` as never, { table: t(`audit.tables.${write[1]}` as never, { defaultValue: write[1]! }) });
  };
  const nameOf = (id: string | null) => (id ? (people.get(id)?.displayName ?? t("audit.unknownPerson")) : t("audit.system"));
  const pageLink = (page: number) => {
    const next = new URLSearchParams(url.searchParams);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  return data({
    title: `${t("audit.title")} · ${member.hospital.name}`,
    filters: {
      support: filters.supportOnly,
      from: filters.from ?? "",
      to: filters.to ?? "",
      actor: filters.actorId ?? "",
      patient: url.searchParams.get("patient") ?? "",
    },
    problems,
    actorOptions: [
      ...actors.members.map((id) => ({ value: id, label: nameOf(id) })),
      ...actors.supportStaff.filter((id) => !actors.members.includes(id)).map((id) => ({ value: id, label: `${nameOf(id)} (${t("audit.kinds.support")})` })),
    ].sort((a, b) => a.label.localeCompare(b.label)),
    rows: log.rows.map((r) => ({
      id: r.id,
      at: formatVietnamTime(r.at),
      who: nameOf(r.actorId),
      kind: kindOf(r.actorKind),
      action: r.action,
      actionLabel: describeAction(r.action),
      entity: r.entityType ? `${r.entityType}${r.entityId ? ` ${r.entityId.slice(0, 8)}` : ""}` : "",
      patientId: r.patientId,
      detail: typeof r.details?.path === "string" ? r.details.path : r.details && Array.isArray(r.details.changed) ? (r.details.changed as string[]).join(", ") : "",
    })),
    newer: filters.page > 1 ? pageLink(filters.page - 1) : null,
    older: log.hasOlder ? pageLink(filters.page + 1) : null,
  });
}

export default function AuditLog() {
  const { t } = useTranslation(["support"]);
  const { filters, problems, actorOptions, rows, newer, older } = useLoaderData<typeof loader>();
  return (
    <div className="audit-log">
      <PageHeader title={t("audit.title")} intro={t("audit.intro")} />
      {problems.length > 0 ? (
        <Banner tone="error" data-testid="filter-problems">
          {problems.map((p) => t(`audit.${p}`)).join(" ")}
        </Banner>
      ) : null}
      <Form method="get" className="audit-filters" aria-label={t("audit.filters")}>
        <label className="field-choice">
          <input type="checkbox" name="support" value="1" defaultChecked={filters.support} data-testid="support-only" /> {t("audit.supportOnly")}
        </label>
        <Field prefix="audit" name="from" label={t("audit.from")} type="date" defaultValue={filters.from} />
        <Field prefix="audit" name="to" label={t("audit.to")} type="date" defaultValue={filters.to} />
        <SelectField prefix="audit" name="actor" label={t("audit.actor")} options={actorOptions} placeholder={t("audit.anyActor")} defaultValue={filters.actor} />
        <Field prefix="audit" name="patient" label={t("audit.patient")} defaultValue={filters.patient} />
        <Button type="submit" data-testid="apply-filters">
          {t("audit.apply")}
        </Button>
        <Link to="?">{t("audit.reset")}</Link>
      </Form>
      {rows.length === 0 ? (
        <EmptyState title={t("audit.empty")} />
      ) : (
        <table className="data" data-testid="audit-entries">
          <caption className="visually-hidden">{t("audit.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.at")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.kind")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.entity")}</th>
              <th scope="col">{t("audit.detail")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-kind={row.kind}>
                <td>{row.at}</td>
                <td>{row.who}</td>
                <td>{t(`audit.kinds.${row.kind}`)}</td>
                <td>
                  {row.actionLabel ? <>{row.actionLabel} </> : null}
                  <code className="muted">{row.action}</code>
                </td>
                <td>{row.entity}</td>
                <td>{row.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={t("audit.caption")}>
        {newer ? <Link to={newer}>{t("audit.previous")}</Link> : null}
        {older ? <Link to={older}>{t("audit.next")}</Link> : null}
      </nav>
    </div>
  );
}
