// Platform staff accounts (/admin/staff, owners only; decision 055): the list, a new account with a
// one-time password shown once (two-step sign-in is set up at its first sign-in), role changes,
// deactivation (their sessions end at once) and a two-step reset (they enrol again). Each change is
// recorded in the platform audit in the same transaction (decision 056).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  changePlatformStaffRole,
  createPlatformStaff,
  generateStaffPassword,
  listPlatformStaff,
  PlatformStaffRuleError,
  resetPlatformStaffTwoFactor,
  setPlatformStaffActive,
  StaffEmailTaken,
} from "~/auth/platform-staff.server";
import { requireStaff } from "~/auth/staff-session.server";
import { i18next } from "~/i18n/i18next.server";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { badRequest } from "~/lib/http-errors";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { Field, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import { SelectField } from "~/ui/select-field";

export const handle = { i18n: ["admin"] };

const OWNERS = ["owner"] as const;
const ROLES = ["support", "operations", "owner"] as const;

type AdminMessage = ParseKeys<"admin">;
const message = (key: AdminMessage) => key;

const createSchema = z.object({
  displayName: z.string().trim().min(1, message("staff.errors.nameRequired")).max(200, message("staff.errors.nameTooLong")),
  email: z.string().trim().max(254, message("staff.errors.emailInvalid")).email(message("staff.errors.emailInvalid")),
  role: z.enum(ROLES, { message: message("staff.errors.roleUnknown") }),
});
const CREATE_FIELDS = ["displayName", "email", "role"] as const;
const FORM_ID = "staff-create";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireStaff(request, context, OWNERS);
  const t = await i18next.getFixedT(request, "admin");
  const staff = await listPlatformStaff();
  return data({
    title: `${t("staff.title")} · ${t("console.brand")}`,
    me: me.id,
    staff: staff.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
  });
}

type Notice = { key: AdminMessage; name: string; role?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const me = await requireStaff(request, context, OWNERS);
  const by = { staffUserId: me.id };
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "create") {
    const parsed = parseForm<typeof createSchema.shape, AdminMessage>(form, createSchema);
    if (!parsed.ok) return refuseForm({ ...parsed, intent: "create" as const });
    const password = generateStaffPassword();
    try {
      const created = await createPlatformStaff({ ...parsed.data, password }, by);
      return data({ ok: true as const, intent: "create" as const, created: { email: created.email, password } });
    } catch (error) {
      if (!(error instanceof StaffEmailTaken)) throw error;
      return refuseForm({ ...formFailure(parsed.values, { key: message("staff.errors.emailTaken") }), formError: null, errors: { email: message("staff.errors.emailTaken") } as Partial<Record<(typeof CREATE_FIELDS)[number], AdminMessage>>, intent: "create" as const });
    }
  }
  const userId = form.get("userId");
  const name = String(form.get("name") ?? "").slice(0, 200);
  if (typeof userId !== "string" || !/^[0-9a-f-]{36}$/i.test(userId)) throw badRequest();
  try {
    let notice: Notice;
    if (intent === "role") {
      const role = ROLES.find((r) => r === form.get("role"));
      if (!role) throw badRequest();
      await changePlatformStaffRole(by, userId, role);
      notice = { key: message("staff.roleChanged"), name, role };
    } else if (intent === "deactivate" || intent === "reactivate") {
      await setPlatformStaffActive(by, userId, intent === "reactivate");
      notice = { key: intent === "reactivate" ? message("staff.reactivated") : message("staff.deactivated"), name };
    } else if (intent === "reset") {
      await resetPlatformStaffTwoFactor(by, userId);
      notice = { key: message("staff.twoFactorReset"), name };
    } else {
      throw badRequest();
    }
    return data({ ok: true as const, intent: "change" as const, notice });
  } catch (error) {
    if (!(error instanceof PlatformStaffRuleError)) throw error;
    const key = `staff.errors.${error.reason}` as const satisfies AdminMessage;
    return data({ ok: false as const, intent: "change" as const, refusal: key }, { status: 409 });
  }
}

export default function AdminStaff() {
  const { t } = useTranslation("admin");
  const { staff, me } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const createFailure = answer && "errors" in answer ? answer : undefined;
  const errors: Partial<Record<(typeof CREATE_FIELDS)[number], AdminMessage>> = createFailure?.errors ?? {};
  const values = createFailure?.values;
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <>
      <PageHeader title={t("staff.title")} intro={t("staff.intro")} />
      {answer && "created" in answer ? (
        <Banner tone="ok" focus data-testid="staff-created">
          <p>{t("staff.created", { email: answer.created.email })}</p>
          <p>
            <code data-testid="staff-one-time-password">{answer.created.password}</code>
          </p>
          <p className="hint">{t("staff.createdHint")}</p>
        </Banner>
      ) : null}
      {answer && "notice" in answer ? (
        <Banner tone="ok" data-testid="staff-notice">
          {t(answer.notice.key, { name: answer.notice.name, role: answer.notice.role ? t(`roles.${answer.notice.role as (typeof ROLES)[number]}`) : "" })}
        </Banner>
      ) : null}
      {answer && "refusal" in answer ? (
        <Banner tone="error" focus data-testid="staff-refusal">
          {t(answer.refusal)}
        </Banner>
      ) : null}
      <table className="data staff-table">
        <caption className="visually-hidden">{t("staff.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("staff.name")}</th>
            <th scope="col">{t("staff.email")}</th>
            <th scope="col">{t("staff.role")}</th>
            <th scope="col">{t("staff.enrolled")}</th>
            <th scope="col">{t("staff.status")}</th>
            <th scope="col">{t("staff.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id} className={s.active ? undefined : "status-inactive"} data-testid="staff-row">
              <td>
                {s.displayName}
                {s.id === me ? <span className="muted"> ({t("staff.you")})</span> : null}
              </td>
              <td>{s.email}</td>
              <td>
                <Form method="post" className="staff-role-form">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="userId" value={s.id} />
                  <input type="hidden" name="name" value={s.displayName} />
                  <label className="visually-hidden" htmlFor={`role-${s.id}`}>
                    {t("staff.roleFor", { name: s.displayName })}
                  </label>
                  <select id={`role-${s.id}`} name="role" defaultValue={s.role} key={`${s.id}-${s.role}`}>
                    {roleOptions.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>{" "}
                  <Button type="submit" variant="secondary" disabled={busy}>
                    {t("staff.save")}
                  </Button>
                </Form>
              </td>
              <td>
                {s.enrolled ? t("staff.yes") : t("staff.no")}
                {s.enrolled ? <span className="hint"> · {t("staff.recoveryLeft", { count: s.recoveryCodesLeft })}</span> : null}
              </td>
              <td>{s.active ? t("staff.active") : t("staff.inactive")}</td>
              <td className="staff-actions">
                <Form
                  method="post"
                  onSubmit={(event) => {
                    if (s.active && !window.confirm(t("staff.confirmDeactivate", { name: s.displayName }))) event.preventDefault();
                  }}
                >
                  <input type="hidden" name="intent" value={s.active ? "deactivate" : "reactivate"} />
                  <input type="hidden" name="userId" value={s.id} />
                  <input type="hidden" name="name" value={s.displayName} />
                  <Button type="submit" variant="secondary" disabled={busy || (s.active && s.id === me)}>
                    {s.active ? t("staff.deactivate") : t("staff.reactivate")}
                  </Button>
                </Form>
                {s.enrolled ? (
                  <Form
                    method="post"
                    onSubmit={(event) => {
                      if (!window.confirm(t("staff.confirmReset", { name: s.displayName }))) event.preventDefault();
                    }}
                  >
                    <input type="hidden" name="intent" value="reset" />
                    <input type="hidden" name="userId" value={s.id} />
                    <input type="hidden" name="name" value={s.displayName} />
                    <Button type="submit" variant="secondary" disabled={busy}>
                      {t("staff.resetTwoFactor")}
                    </Button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="panel" aria-labelledby="staff-create-title">
        <h2 id="staff-create-title">{t("staff.createTitle")}</h2>
        <p className="hint">{t("staff.createIntro")}</p>
        <ErrorSummary
          formMessage={createFailure?.formError ? t(createFailure.formError.key) : null}
          items={CREATE_FIELDS.flatMap((field) => {
            const key = errors[field];
            return key ? [{ fieldId: fieldIds(FORM_ID, field).input, message: t(key) }] : [];
          })}
        />
        <Form method="post" noValidate key={answer && "created" in answer ? answer.created.email : "create"}>
          <input type="hidden" name="intent" value="create" />
          <Field
            prefix={FORM_ID}
            name="displayName"
            label={t("staff.displayName")}
            error={errors.displayName ? t(errors.displayName) : undefined}
            defaultValue={values?.displayName ?? ""}
            autoComplete="off"
            required
            inputClassName="input-wide"
          />
          <Field
            prefix={FORM_ID}
            name="email"
            label={t("staff.email")}
            error={errors.email ? t(errors.email) : undefined}
            defaultValue={values?.email ?? ""}
            type="email"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            required
            inputClassName="input-wide"
          />
          <SelectField
            prefix={FORM_ID}
            name="role"
            label={t("staff.role")}
            error={errors.role ? t(errors.role) : undefined}
            options={roleOptions}
            defaultValue={values?.role || "support"}
            required
          />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              {t("staff.create")}
            </Button>
          </div>
        </Form>
      </section>
    </>
  );
}
