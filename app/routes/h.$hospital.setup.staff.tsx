// /h/:hospital/setup/staff: wizard step 4, inviting staff one by one or from a CSV file (issue 7).
// Without a mail server the admin is shown the invitation link to hand over (they invited the person);
// a verification link is never shown on screen.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { readFormData } from "~/server/read-form-data.server";
import { listRoleCodes } from "~/staff/roles.server";
import { inviteStaff, listInvitations, parseInviteCsv, type RowError } from "~/staff/invitations.server";
import { SelectField } from "~/ui/select-field";
import { markStepDone } from "~/setup/wizard.server";
import { nextStep, setupPath } from "~/setup/steps";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["setup"] };
type SetupMessage = ParseKeys<"setup">;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const [invitations, roles] = await member.tx(async (t) => [await listInvitations(t), await listRoleCodes(t)] as const);
  const t = await i18next.getFixedT(request, "setup");
  return data({ title: `${t("staff.title")} · ${member.hospital.name}`, invitations, roles });
}

type ActionAnswer =
  | { kind: "invited"; invited: { email: string; name: string; link: string | null }[] }
  | { kind: "rows"; errors: RowError[]; values?: Record<string, string> }
  | { kind: "file"; key: string; values?: Record<string, string> };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "done") {
    await member.tx((t) => markStepDone(t, "staff"));
    return redirect(setupPath(member.hospital.slug, nextStep("staff")!));
  }
  let rows: { line: number; name: string; email: string; role: string; department: string }[];
  const text = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
  if (intent === "csv") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return data<ActionAnswer>({ kind: "file", key: "fileRequired" }, { status: 400 });
    const parsed = parseInviteCsv(new Uint8Array(await file.arrayBuffer()));
    if (!parsed.ok) return data<ActionAnswer>({ kind: "file", key: parsed.key, values: parsed.values }, { status: 400 });
    rows = parsed.rows;
  } else {
    rows = [{ line: 1, name: text("name"), email: text("email"), role: text("role"), department: text("department") }];
  }
  const result = await inviteStaff((fn) => member.tx(fn), rows, {
    origin: process.env.APP_ORIGIN || new URL(request.url).origin,
    inviter: { id: member.user.id, displayName: member.user.displayName },
    hospitalName: member.hospital.name,
  });
  if (!result.ok) {
    const values = intent === "csv" ? undefined : { name: text("name"), email: text("email"), role: text("role"), department: text("department") };
    return data<ActionAnswer>({ kind: "rows", errors: result.errors, values }, { status: 400 });
  }
  // The link is for the admin to hand over only when no mail can go out.
  const showLinks = !process.env.SMTP_URL;
  return data<ActionAnswer>({ kind: "invited", invited: result.invited.map((i) => ({ ...i, link: showLinks ? i.link : null })) });
}

export default function SetupStaff() {
  const { t } = useTranslation("setup");
  const { invitations, roles } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as ActionAnswer | undefined;
  const [search] = useSearchParams();
  const single = answer?.kind === "rows" && answer.values ? answer : null;
  const fieldError = (field: string) => {
    const e = single?.errors.find((x) => x.field === field);
    return e ? (t(`staff.errors.${e.key}` as SetupMessage, e.values) as string) : undefined;
  };
  const roleChoices = roles.map((r) => ({ value: r, label: t(`roles.${r}` as SetupMessage) as string }));
  const fileProblem = answer?.kind === "file" ? answer.key : search.has("tooLarge") ? "tooLarge" : null;
  return (
    <section className="panel">
      <PageHeader title={t("staff.title")} intro={t("staff.intro")} />
      {answer?.kind === "invited" ? (
        <Banner tone="ok" data-testid="invited">
          {answer.invited.length === 1 ? t("staff.invited", { email: answer.invited[0]!.email }) : t("staff.csvImported", { count: answer.invited.length })}
          {answer.invited.some((i) => i.link) ? (
            <>
              {" "}
              {t("staff.inviteNotSent")}
              <ul>
                {answer.invited.map((i) => (
                  <li key={i.email}>
                    {i.name}: <code data-testid="invite-link">{i.link}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Banner>
      ) : null}
      <h2>{t("staff.inviteSection")}</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <Field prefix="invite" name="name" label={t("staff.name")} error={fieldError("name")} defaultValue={single?.values?.name ?? ""} inputClassName="input-wide" />
        <Field prefix="invite" name="email" label={t("staff.email")} error={fieldError("email")} defaultValue={single?.values?.email ?? ""} type="email" inputClassName="input-wide" />
        <SelectField prefix="invite" name="role" label={t("staff.role")} error={fieldError("role")} options={roleChoices} defaultValue={single?.values?.role ?? "doctor"} />
        <Field prefix="invite" name="department" label={t("staff.department")} error={fieldError("department")} defaultValue={single?.values?.department ?? ""} />
        <div className="form-actions">
          <Button type="submit">{t("staff.invite")}</Button>
        </div>
      </Form>
      <h2>{t("staff.csvSection")}</h2>
      {fileProblem ? (
        <Banner tone="error" data-testid="csv-error">
          {t(`staff.errors.${fileProblem}` as SetupMessage, answer?.kind === "file" ? answer.values : undefined) as string}
        </Banner>
      ) : null}
      {answer?.kind === "rows" && !single ? (
        <Banner tone="error" data-testid="csv-rows">
          {t("staff.csvRejected")}
          <ul>
            {answer.errors.map((e, i) => (
              <li key={i}>{t("staff.errors.row", { row: e.row, message: t(`staff.errors.${e.key}` as SetupMessage, e.values) as string })}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="csv" />
        <Field prefix="csv" name="file" label={t("staff.csvFile")} hint={t("staff.csvHint", { roles: roles.join(", ") })} type="file" accept=".csv,text/csv" />
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            {t("staff.csvSubmit")}
          </Button>
        </div>
      </Form>
      {invitations.length === 0 ? (
        <p className="hint">{t("staff.empty")}</p>
      ) : (
        <table className="data-table" data-testid="invitations">
          <caption>{t("staff.listCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.columns.name")}</th>
              <th scope="col">{t("staff.columns.email")}</th>
              <th scope="col">{t("staff.columns.role")}</th>
              <th scope="col">{t("staff.columns.status")}</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td>{r.email}</td>
                <td>{t(`roles.${r.role}` as SetupMessage) as string}</td>
                <td>{t(`staff.statuses.${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Form method="post">
        <input type="hidden" name="intent" value="done" />
        <div className="form-actions">
          <Button type="submit">{t("wizard.markDone")}</Button>
        </div>
      </Form>
    </section>
  );
}
