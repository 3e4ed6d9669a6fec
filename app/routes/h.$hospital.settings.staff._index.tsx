// /h/:hospital/settings/staff: the hospital's members, their roles and whether they are active. Names and
// e-mails come from the platform scope (users is global), for exactly the people the memberships name.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { listMembers } from "~/staff/members.server";
import { describePeople } from "~/staff/people-of.server";
import { roleName } from "~/staff/role-name";
import { listRoles } from "~/staff/roles.server";
import { DataTable, type DataColumn } from "~/ui/data-table";
import { EmptyState } from "~/ui/empty-state";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const { members, roles } = await member.tx(async (t) => ({ members: await listMembers(t), roles: await listRoles(t) }));
  const people = await describePeople(members.map((m) => m.userId));
  const t = await i18next.getFixedT(request, "staff");
  const language = await i18next.getLocale(request);
  const names = new Map(roles.map((role) => [role.code, roleName(role, language)]));
  return data({
    title: `${t("staff.title")} · ${member.hospital.name}`,
    slug: member.hospital.slug,
    rows: members.map((m) => {
      const person = people.get(m.userId);
      return {
        id: m.id,
        name: person?.displayName ?? null,
        email: person?.email ?? null,
        roles: m.roles.map((code) => names.get(code) ?? code),
        active: m.active,
      };
    }),
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export default function StaffList() {
  const { t } = useTranslation(["staff"]);
  const { slug, rows } = useLoaderData<typeof loader>();
  const columns: DataColumn<Row>[] = [
    { key: "name", header: t("staff.name"), opens: true, cell: (row) => row.name ?? t("staff.unknownPerson") },
    { key: "email", header: t("staff.email"), cell: (row) => row.email ?? "" },
    { key: "roles", header: t("staff.roles"), cell: (row) => (row.roles.length > 0 ? row.roles.join(", ") : <span className="muted">{t("staff.noRoles")}</span>) },
    {
      key: "status",
      header: t("staff.status"),
      cell: (row) => <span className={row.active ? "status-active" : "status-inactive"}>{row.active ? t("staff.active") : t("staff.inactive")}</span>,
    },
  ];
  return (
    <div className="staff-list">
      <PageHeader title={t("staff.title")} intro={t("staff.intro")} />
      {rows.length === 0 ? (
        <EmptyState title={t("staff.empty")} />
      ) : (
        <DataTable
          caption={t("staff.caption")}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.id}
          rowHref={(row) => `/h/${slug}/settings/staff/${row.id}`}
          className={undefined}
        />
      )}
    </div>
  );
}
