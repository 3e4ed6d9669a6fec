// /h/:hospital/settings/roles: the hospital's roles (decision 038), their names, codes and how many
// permissions each holds; a row opens the role's editor.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { roleName } from "~/staff/role-name";
import { listRoles } from "~/staff/roles.server";
import { ButtonLink } from "~/ui/button";
import { DataTable, type DataColumn } from "~/ui/data-table";
import { EmptyState } from "~/ui/empty-state";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const roles = await member.tx(listRoles);
  const t = await i18next.getFixedT(request, "staff");
  const language = await i18next.getLocale(request);
  return data({
    title: `${t("roles.title")} · ${member.hospital.name}`,
    slug: member.hospital.slug,
    rows: roles.map((role) => ({ id: role.id, code: role.code, name: roleName(role, language), count: role.permissions.length, active: role.active })),
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export default function RoleList() {
  const { t } = useTranslation(["staff"]);
  const { slug, rows } = useLoaderData<typeof loader>();
  const columns: DataColumn<Row>[] = [
    { key: "name", header: t("roles.name"), opens: true, cell: (row) => row.name },
    { key: "code", header: t("roles.code"), cell: (row) => <code>{row.code}</code> },
    { key: "permissions", header: t("roles.permissions"), cell: (row) => t("roles.permissionCount", { count: row.count }) },
    { key: "status", header: t("roles.status"), cell: (row) => (row.active ? t("roles.active") : t("roles.inactive")) },
  ];
  return (
    <div className="role-list">
      <PageHeader
        title={t("roles.title")}
        intro={t("roles.intro")}
        actions={
          <ButtonLink to={`/h/${slug}/settings/roles/new`} variant="primary">
            {t("roles.add")}
          </ButtonLink>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title={t("roles.empty")} />
      ) : (
        <DataTable caption={t("roles.caption")} columns={columns} rows={rows} rowKey={(row) => row.id} rowHref={(row) => `/h/${slug}/settings/roles/${row.id}`} />
      )}
    </div>
  );
}
