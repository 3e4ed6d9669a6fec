// /h/:hospital/settings/roles/new: a new role, its code chosen once, its permissions from the code's
// vocabulary (decision 018). The insert is audited by the table's trigger.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { readFormData } from "~/server/read-form-data.server";
import { RoleForm } from "~/staff/role-form";
import { newRoleSchema, readPermissions } from "~/staff/role-input";
import { createRole } from "~/staff/roles.server";
import { isStaffRuleError } from "~/staff/staff-errors";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const t = await i18next.getFixedT(request, "staff");
  return data({ title: `${t("roles.newTitle")} · ${member.hospital.name}`, slug: member.hospital.slug });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const form = await readFormData(request);
  const permissions = readPermissions(form);
  const parsed = parseForm(form, newRoleSchema);
  if (!parsed.ok) return refuseForm({ ...parsed, permissions });
  try {
    const role = await member.tx((t) => createRole(t, { ...parsed.data, permissions }));
    return redirect(`/h/${member.hospital.slug}/settings/roles/${role.id}?done=created`);
  } catch (error) {
    if (!isStaffRuleError(error)) throw error;
    if (error.reason === "codeTaken") return refuseForm({ ok: false as const, values: parsed.values, errors: { code: "staff:errors.codeTaken" }, formError: null, permissions });
    return refuseForm({ ...formFailure(parsed.values, { key: `staff:errors.${error.reason}` }), permissions });
  }
}

export default function NewRole() {
  const { t } = useTranslation(["staff"]);
  const { slug } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="role-editor">
      <PageHeader back={{ to: `/h/${slug}/settings/roles`, label: t("roles.back") }} title={t("roles.newTitle")} />
      <section className="panel">
        <RoleForm
          action={`/h/${slug}/settings/roles/new`}
          values={result?.values ?? { code: "", nameVi: "", nameEn: "" }}
          permissions={result?.permissions ?? []}
          errors={result?.errors}
          formError={result?.formError ? t(result.formError.key as "staff:errors.lastManager") : null}
          withCode
          submitLabel={t("roles.create")}
        />
      </section>
    </div>
  );
}
