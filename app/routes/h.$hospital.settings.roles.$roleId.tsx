// /h/:hospital/settings/roles/:roleId: rename a role, change what it holds, deactivate or reactivate it.
// Each form carries the version it was read at (a colleague's save in between is a visible conflict);
// a change that would leave nobody able to manage staff is refused (decision 038).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFoundInHospital, requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { conflictResponse, isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import type { FieldErrors, FormValues } from "~/lib/form";
import { parseForm } from "~/lib/form.server";
import { badRequest } from "~/lib/http-errors";
import { readFormData } from "~/server/read-form-data.server";
import { RoleForm } from "~/staff/role-form";
import { readPermissions, roleNamesSchema, type RoleField } from "~/staff/role-input";
import { roleName } from "~/staff/role-name";
import { getRole, setRoleActive, updateRole, type HospitalRole } from "~/staff/roles.server";
import { isStaffRuleError, type StaffRefusal } from "~/staff/staff-errors";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["staff", "auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const INTENTS = ["save", "deactivate", "reactivate"] as const;
type Intent = (typeof INTENTS)[number];
const isIntent = (value: unknown): value is Intent => typeof value === "string" && (INTENTS as readonly string[]).includes(value);
const DONE = ["created", ...INTENTS] as const;
type Done = (typeof DONE)[number];

const rolePath = (slug: string, id: string) => `/h/${slug}/settings/roles/${id}`;

/** What an action answers when it refuses: the typed values and why; after a conflict, the latest role. */
type Refused = {
  refusal: StaffRefusal | "conflict" | "invalid";
  values: FormValues<RoleField> | null;
  permissions: string[] | null;
  errors: FieldErrors<RoleField>;
  latest: HospitalRole | null;
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const role = await member.tx((t) => getRole(t, params.roleId ?? ""));
  if (!role) throw await notFoundInHospital(request, member);
  const t = await i18next.getFixedT(request, "staff");
  const language = await i18next.getLocale(request);
  const done = new URL(request.url).searchParams.get("done");
  return data({
    title: `${t("roles.editTitle", { name: roleName(role, language) })} · ${member.hospital.name}`,
    slug: member.hospital.slug,
    role,
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null,
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const id = params.roleId ?? "";
  const form = await readFormData(request);
  const version = parseExpectedVersion(form.get("version"));
  const intent = form.get("intent");
  if (version === null || !isIntent(intent)) throw badRequest();
  const permissions = readPermissions(form);
  const parsed = intent === "save" ? parseForm(form, roleNamesSchema) : null;
  if (parsed && !parsed.ok) {
    return data({ refusal: "invalid", values: { code: "", ...parsed.values }, permissions, errors: parsed.errors, latest: null } satisfies Refused, { status: 400 });
  }
  const values = parsed ? { code: "", ...parsed.values } : null;

  try {
    const changed = await member.tx((t) =>
      parsed?.ok ? updateRole(t, id, version, { ...parsed.data, permissions }) : setRoleActive(t, id, version, intent === "reactivate"),
    );
    if (!changed) throw await notFoundInHospital(request, member);
    return redirect(`${rolePath(member.hospital.slug, id)}?done=${intent}`);
  } catch (error) {
    if (isStaleWriteError(error)) {
      const latest = await member.tx((t) => getRole(t, id));
      if (!latest) throw await notFoundInHospital(request, member);
      return conflictResponse(error, { refusal: "conflict", values, permissions: parsed ? permissions : null, errors: {}, latest } satisfies Refused);
    }
    if (isStaffRuleError(error)) {
      return data({ refusal: error.reason, values, permissions: parsed ? permissions : null, errors: {}, latest: null } satisfies Refused, { status: 400 });
    }
    throw error;
  }
}

export default function RoleEditor() {
  const { t, i18n } = useTranslation(["staff"]);
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Refused | undefined;
  const location = useLocation();
  const busy = useNavigation().state !== "idle";
  const role = result?.latest ?? loaded.role;
  const action = rolePath(loaded.slug, role.id);
  const doneMessage: Record<Done, string> = {
    created: t("roles.created"),
    save: t("roles.saved"),
    deactivate: t("roles.deactivated"),
    reactivate: t("roles.reactivated"),
  };

  return (
    <div className="role-editor">
      <PageHeader back={{ to: `/h/${loaded.slug}/settings/roles`, label: t("roles.back") }} title={t("roles.editTitle", { name: roleName(role, i18n.language) })} />
      {result && result.refusal !== "invalid" ? (
        <Banner key={`${location.key}-refusal`} tone="error" focus data-testid="refusal-banner">
          {t(`errors.${result.refusal}`)}
        </Banner>
      ) : loaded.done && !result ? (
        <Banner key={location.key} tone="ok" focus data-testid="saved-banner">
          {doneMessage[loaded.done]}
        </Banner>
      ) : null}

      <div className="settings-columns">
        <section className="panel" aria-labelledby="role-edit-heading">
          <h2 id="role-edit-heading">
            {t("roles.code")}: <code>{role.code}</code>
          </h2>
          <RoleForm
            key={`form-${role.version}`}
            action={action}
            values={result?.values ?? { code: role.code, nameVi: role.nameVi, nameEn: role.nameEn }}
            permissions={result?.permissions ?? role.permissions}
            errors={result?.errors}
            withCode={false}
            hidden={{ intent: "save", version: String(role.version) }}
            submitLabel={t("roles.save")}
          />
        </section>

        <section className="panel" aria-labelledby="role-access-heading">
          <h2 id="role-access-heading">{t("roles.accessTitle")}</h2>
          <Form method="post" action={action} key={`access-${role.version}`}>
            <input type="hidden" name="version" value={role.version} />
            <p>{role.active ? t("roles.deactivateIntro") : t("roles.reactivateIntro")}</p>
            <Button type="submit" name="intent" value={role.active ? "deactivate" : "reactivate"} variant="secondary" disabled={busy}>
              {role.active ? t("roles.deactivate") : t("roles.reactivate")}
            </Button>
          </Form>
        </section>
      </div>
    </div>
  );
}
