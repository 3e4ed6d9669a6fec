// /admin/support/new?hospital=<id>: a staff member asks one hospital for access, with a reason, a preset
// of permissions and a duration of at most a working day (decision 059). The request and the e-mails to
// the hospital's administrators are one transaction; nothing opens until the hospital approves (or, on
// the emergency path, two owners confirm).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/auth/staff-session.server";
import { i18next } from "~/i18n/i18next.server";
import { readFormData } from "~/server/read-form-data.server";
import {
  checkSupportRequest,
  findHospitalForSupport,
  isGrantId,
  requestSupportGrant,
  searchHospitalsForSupport,
  type SupportRequestProblem,
} from "~/support/grants.server";
import { isSupportPreset, SUPPORT_DURATIONS, SUPPORT_PRESET_NAMES } from "~/support/presets";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { ChoiceField, Field } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["admin", "support"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

async function hospitalOf(request: Request) {
  const id = new URL(request.url).searchParams.get("hospital");
  return isGrantId(id) ? findHospitalForSupport(id) : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  const hospital = await hospitalOf(request);
  const t = await i18next.getFixedT(request, "support");
  // Without a hospital: a search by name or address (slug), registry fields only.
  const query = new URL(request.url).searchParams.get("q") ?? "";
  const found = hospital ? [] : await searchHospitalsForSupport(query);
  return data({
    title: t("request.title"),
    hospital: hospital && { id: hospital.id, name: hospital.name, suspended: hospital.status === "suspended" },
    query,
    found: found.map((h) => ({ id: h.id, name: h.name, slug: h.slug })),
  });
}

type Refused = { problems: SupportRequestProblem[]; values: { reason: string; preset: string; minutes: string; emergency: boolean } };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  const hospital = await hospitalOf(request);
  const form = await readFormData(request);
  const reason = String(form.get("reason") ?? "");
  const preset = String(form.get("preset") ?? "");
  const minutes = String(form.get("minutes") ?? "");
  const emergency = form.get("emergency") === "1";
  const problems = checkSupportRequest({ reason, minutes });
  if (!hospital || hospital.status === "suspended") problems.push("hospital");
  if (!isSupportPreset(preset)) throw new Response(null, { status: 400, statusText: "Bad Request" });
  if (problems.length > 0 || !hospital) {
    return data({ problems, values: { reason, preset, minutes, emergency } } satisfies Refused, { status: 400 });
  }
  await requestSupportGrant(hospital, staff, { reason: reason.trim(), preset, minutes: Number(minutes), emergency }, new URL(request.url).origin);
  return redirect("/admin/support?done=requested");
}

export default function NewSupportRequest() {
  const { t } = useTranslation(["support"]);
  const { hospital, query, found } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>() as Refused | undefined;
  const busy = useNavigation().state !== "idle";
  const error = (problem: SupportRequestProblem) => (refused?.problems.includes(problem) ? t(`request.errors.${problem}`) : undefined);
  return (
    <div className="support-request">
      <PageHeader title={t("request.title")} back={{ to: "/admin/support", label: t("staff.title") }} />
      {!hospital ? (
        <section className="panel" aria-labelledby="find-hospital-heading">
          <h2 id="find-hospital-heading">{t("request.find")}</h2>
          <Form method="get" className="audit-filters">
            <Field prefix="find" name="q" label={t("request.findLabel")} defaultValue={query} />
            <Button type="submit" data-testid="find-hospital">
              {t("request.findSubmit")}
            </Button>
          </Form>
          {query.trim().length >= 2 && found.length === 0 ? <p>{t("request.noneFound")}</p> : null}
          {found.length > 0 ? (
            <ul data-testid="found-hospitals">
              {found.map((h) => (
                <li key={h.id}>
                  <Link to={`?hospital=${h.id}`}>{h.name}</Link> <span className="muted">({h.slug})</span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : hospital.suspended ? (
        <Banner tone="warn">{t("request.suspended")}</Banner>
      ) : (
        <Form method="post" className="panel" noValidate>
          {refused ? (
            <Banner tone="error" focus data-testid="refusal-banner">
              {refused.problems.map((p) => t(`request.errors.${p}`)).join(" ")}
            </Banner>
          ) : null}
          <p>
            {t("request.hospitalLabel")}: <strong data-testid="request-hospital">{hospital.name}</strong>
          </p>
          <Field prefix="support" name="reason" label={t("request.reason")} hint={t("request.reasonHint")} required error={error("reason")} defaultValue={refused?.values.reason} />
          <ChoiceField
            prefix="support"
            name="preset"
            label={t("request.preset")}
            required
            choices={SUPPORT_PRESET_NAMES.map((name) => ({ value: name, label: t(`presets.${name}`) }))}
            defaultValue={refused?.values.preset ?? "view"}
          />
          <ChoiceField
            prefix="support"
            name="minutes"
            label={t("request.duration")}
            required
            error={error("duration")}
            choices={SUPPORT_DURATIONS.map((m) => ({ value: String(m), label: m < 60 ? t("minutesShort", { minutes: m }) : t("minutes", { hours: m / 60 }) }))}
            defaultValue={refused?.values.minutes ?? "120"}
          />
          <label className="field-choice">
            <input type="checkbox" name="emergency" value="1" defaultChecked={refused?.values.emergency} /> {t("request.emergency")}
          </label>
          <div className="inline-actions">
            <Button type="submit" disabled={busy} data-testid="send-request">
              {t("request.submit")}
            </Button>
            <Link to="/admin/support">{t("request.cancel")}</Link>
          </div>
        </Form>
      )}
    </div>
  );
}
