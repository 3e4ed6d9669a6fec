// /h/:hospital/patients/:patientId/chart: the patient's summary in one step from any worklist or search:
// problems, allergies, the latest vitals and their trend, the visits, results and current medicines.
// Opening it is an audited read of the chart. Demographics are edited behind "Edit" (the patient page).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMeasure } from "~/ui/number";
import { z } from "zod";
import { may, notFoundInHospital, requireMember } from "~/auth/guards.server";
import { getChart } from "~/chart/chart.server";
import { addAllergy, addProblem, setListEntryStatus } from "~/chart/patient-lists.server";
import { TrendChart } from "~/chart/trend-chart";
import { findIcd10 } from "~/icd10/icd10-catalog.server";
import { i18next } from "~/i18n/i18next.server";
import { isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import { parseForm, refuseForm } from "~/lib/form.server";
import { badRequest } from "~/lib/http-errors";
import { getPatient } from "~/patients/get-patient.server";
import { formatVietnameseDate, formatVietnameseDateTime } from "~/patients/vietnam-date";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button, ButtonLink } from "~/ui/button";
import { Field } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import { bmiOf } from "~/visits/vitals";
import { visitPath } from "~/visits/visit-tabs";

import visitStyles from "~/visits/visits.css?url";

export const links = () => [{ rel: "stylesheet", href: visitStyles }];

export const handle = { i18n: ["chart", "visit", "patients"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const SEVERITIES = ["mild", "moderate", "severe"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "patient:read");
  const chart = await member.tx((t) => getChart(t, params.patientId ?? ""));
  if (!chart) throw await notFoundInHospital(request, member);
  const t = await i18next.getFixedT(request, "chart");
  const url = new URL(request.url);
  const last = chart.vitals.at(-1) ?? null;
  return data({
    title: `${t("title", { mrn: chart.patient.mrn })} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    patient: { ...chart.patient, birthDate: formatVietnameseDate(chart.patient.birthDate), updatedAt: undefined },
    problems: chart.problems,
    allergies: chart.allergies,
    lastVitals: last ? { ...last, recordedAt: formatVietnameseDateTime(last.recordedAt), bmi: bmiOf(last.weightKg, last.heightCm) } : null,
    trend: chart.vitals.map((v) => ({ at: formatVietnameseDateTime(v.recordedAt), pulse: v.pulse, systolic: v.systolic })),
    timeline: chart.timeline.map((v) => ({ ...v, visitDate: formatVietnameseDate(v.visitDate) })),
    results: chart.results,
    medicines: chart.medicines,
    canWrite: may(member, "note:write"),
    canEditPatient: may(member, "patient:write"),
    changed: url.searchParams.get("changed"),
  });
}

const allergySchema = z.object({
  substance: z.string().trim().min(1, "allergies.errors.substance").max(200, "allergies.errors.substance"),
  reaction: z.string().trim().max(300, "allergies.errors.reaction"),
  severity: z.union([z.literal(""), z.enum(SEVERITIES, { message: "allergies.errors.severity" })]),
});
const problemSchema = z.object({
  description: z.string().trim().min(1, "problems.errors.description").max(300, "problems.errors.description"),
  code: z
    .string()
    .trim()
    .max(12, "problems.errors.code")
    .refine((c) => c === "" || findIcd10(c) !== null, "problems.errors.code"),
  onset: z.string().trim().max(50, "problems.errors.onset"),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "note:write");
  const form = await readFormData(request);
  const intent = form.get("intent");
  const patientId = params.patientId ?? "";
  const here = (changed: string) => `/h/${member.hospital.slug}/patients/${patientId}/chart?changed=${changed}`;
  const exists = await member.tx(async (t) => (await getPatient(t, patientId)) !== null);
  if (!exists) throw await notFoundInHospital(request, member);

  if (intent === "allergy") {
    const parsed = parseForm(form, allergySchema);
    if (!parsed.ok) return refuseForm({ ...parsed, list: "allergy" as const });
    await member.tx((t) => addAllergy(t, patientId, { substance: parsed.data.substance, reaction: parsed.data.reaction || null, severity: parsed.data.severity || null }));
    return redirect(here("allergy"));
  }
  if (intent === "problem") {
    const parsed = parseForm(form, problemSchema);
    if (!parsed.ok) return refuseForm({ ...parsed, list: "problem" as const });
    const code = parsed.data.code ? findIcd10(parsed.data.code)!.code : null;
    await member.tx((t) => addProblem(t, patientId, { description: parsed.data.description, code, onset: parsed.data.onset || null }));
    return redirect(here("problem"));
  }
  if (intent === "status") {
    const list = form.get("list");
    const status = form.get("status");
    const id = form.get("id");
    const version = parseExpectedVersion(form.get("version"));
    if ((list !== "allergies" && list !== "problems") || (status !== "resolved" && status !== "entered_in_error") || typeof id !== "string" || version === null) {
      throw badRequest();
    }
    try {
      const done = await member.tx((t) => setListEntryStatus(t, list, patientId, id, version, status));
      if (!done) throw await notFoundInHospital(request, member);
    } catch (error) {
      if (!isStaleWriteError(error)) throw error;
      return redirect(here("conflict"));
    }
    return redirect(here("status"));
  }
  throw badRequest();
}

export default function PatientChart() {
  const { t, i18n } = useTranslation(["chart", "visit", "patients"]);
  const num = (value: number | null) => formatMeasure(value, i18n.language);
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const { patient } = loaded;
  const allergyFailure = result && result.list === "allergy" ? result : null;
  const problemFailure = result && result.list === "problem" ? result : null;
  const tr = (key: string | undefined) => (key ? t(key as "allergies.errors.substance") : undefined);
  const changedMessage =
    loaded.changed === "allergy" ? t("allergies.added") : loaded.changed === "problem" ? t("problems.added") : loaded.changed === "status" ? t("changed") : null;

  const statusButtons = (list: "allergies" | "problems", entry: { id: string; version: number; status: string }) =>
    entry.status === "active" && loaded.canWrite ? (
      <span className="inline-actions">
        {(["resolved", "entered_in_error"] as const).map((status) => (
          <Form method="post" key={status}>
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="list" value={list} />
            <input type="hidden" name="status" value={status} />
            <input type="hidden" name="id" value={entry.id} />
            <input type="hidden" name="version" value={entry.version} />
            <Button type="submit" variant="link">
              {status === "resolved" ? t("resolve") : t("markError")}
            </Button>
          </Form>
        ))}
      </span>
    ) : null;

  return (
    <div className="chart">
      <PageHeader
        back={{ to: `/h/${loaded.hospitalSlug}/patients`, label: t("back") }}
        title={
          <>
            {patient.fullName} <span className="patient-mrn">{t("patients:fields.mrn")} {patient.mrn}</span>
          </>
        }
        actions={
          loaded.canEditPatient ? (
            <ButtonLink to={`/h/${loaded.hospitalSlug}/patients/${patient.id}`} data-testid="edit-demographics">
              {t("edit")}
            </ButtonLink>
          ) : null
        }
      />
      {changedMessage && !result ? (
        <Banner key={location.key} tone="ok" focus>
          {changedMessage}
        </Banner>
      ) : loaded.changed === "conflict" ? (
        <Banner tone="error" focus>
          {t("conflict")}
        </Banner>
      ) : null}
      <p className="chart-demographics">
        {t("birthDate")}: {patient.birthDate} · {t("sex")}: {t(`patients:sex.${patient.sex}`)}
        {patient.phone ? ` · ${t("phone")}: ${patient.phone}` : ""}
      </p>

      <div className="chart-grid">
        <section className="panel" aria-labelledby="allergies-heading">
          <h2 id="allergies-heading">{t("allergies.title")}</h2>
          {loaded.allergies.length === 0 ? <p className="muted">{t("allergies.empty")}</p> : null}
          <ul className="chart-list">
            {loaded.allergies.map((a) => (
              <li key={a.id} className={a.status !== "active" ? "chart-inactive" : undefined} data-testid="allergy">
                <strong>{a.substance}</strong>
                {a.reaction ? ` · ${a.reaction}` : ""}
                {a.severity ? ` · ${t(`allergies.severities.${a.severity}`)}` : ""} <span className="tag">{t(`statuses.${a.status}`)}</span>
                {statusButtons("allergies", a)}
              </li>
            ))}
          </ul>
          {loaded.canWrite ? (
            <details open={allergyFailure !== null}>
              <summary>{t("allergies.add")}</summary>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="allergy" />
                <Field prefix="allergy" name="substance" label={t("allergies.substance")} required defaultValue={allergyFailure?.values.substance} error={tr(allergyFailure?.errors.substance)} />
                <Field prefix="allergy" name="reaction" label={t("allergies.reaction")} defaultValue={allergyFailure?.values.reaction} error={tr(allergyFailure?.errors.reaction)} />
                <div className="field">
                  <label htmlFor="allergy-severity">{t("allergies.severity")}</label>
                  <select id="allergy-severity" name="severity" defaultValue={allergyFailure?.values.severity ?? ""}>
                    <option value="" />
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {t(`allergies.severities.${s}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <Button type="submit">{t("allergies.add")}</Button>
              </Form>
            </details>
          ) : null}
        </section>

        <section className="panel" aria-labelledby="problems-heading">
          <h2 id="problems-heading">{t("problems.title")}</h2>
          {loaded.problems.length === 0 ? <p className="muted">{t("problems.empty")}</p> : null}
          <ul className="chart-list">
            {loaded.problems.map((p) => (
              <li key={p.id} className={p.status !== "active" ? "chart-inactive" : undefined} data-testid="problem">
                <strong>{p.description}</strong>
                {p.code ? ` · ${p.code}` : ""}
                {p.onset ? ` · ${p.onset}` : ""} <span className="tag">{t(`statuses.${p.status}`)}</span>
                {statusButtons("problems", p)}
              </li>
            ))}
          </ul>
          {loaded.canWrite ? (
            <details open={problemFailure !== null}>
              <summary>{t("problems.add")}</summary>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="problem" />
                <Field prefix="problem" name="description" label={t("problems.description")} required defaultValue={problemFailure?.values.description} error={tr(problemFailure?.errors.description)} />
                <Field prefix="problem" name="code" label={t("problems.code")} defaultValue={problemFailure?.values.code} error={tr(problemFailure?.errors.code)} />
                <Field prefix="problem" name="onset" label={t("problems.onset")} defaultValue={problemFailure?.values.onset} error={tr(problemFailure?.errors.onset)} />
                <Button type="submit">{t("problems.add")}</Button>
              </Form>
            </details>
          ) : null}
        </section>

        <section className="panel" aria-labelledby="vitals-heading">
          <h2 id="vitals-heading">{t("vitals.title")}</h2>
          {loaded.lastVitals ? (
            <>
              <p className="muted">{loaded.lastVitals.recordedAt}</p>
              <dl className="vitals-summary">
                <div>
                  <dt>{t("visit:vitals.short.pulse")}</dt>
                  <dd>{num(loaded.lastVitals.pulse)}</dd>
                </div>
                <div>
                  <dt>{t("visit:vitals.short.bloodPressure")}</dt>
                  <dd>
                    {num(loaded.lastVitals.systolic)}/{num(loaded.lastVitals.diastolic)}
                  </dd>
                </div>
                <div>
                  <dt>{t("visit:vitals.short.temperature")}</dt>
                  <dd>{num(loaded.lastVitals.temperature)}</dd>
                </div>
                <div>
                  <dt>{t("visit:vitals.short.spo2")}</dt>
                  <dd>{num(loaded.lastVitals.spo2)}</dd>
                </div>
                <div>
                  <dt>{t("visit:vitals.bmi")}</dt>
                  <dd>{num(loaded.lastVitals.bmi)}</dd>
                </div>
              </dl>
              {loaded.trend.length > 1 ? (
                <TrendChart
                  points={loaded.trend}
                  label={t("vitals.trend", { count: loaded.trend.length })}
                  pulseLabel={t("vitals.pulse")}
                  systolicLabel={t("vitals.systolic")}
                />
              ) : null}
            </>
          ) : (
            <p className="muted">{t("vitals.empty")}</p>
          )}
        </section>

        <section className="panel" aria-labelledby="results-heading">
          <h2 id="results-heading">{t("results.title")}</h2>
          {loaded.results.length === 0 ? <p className="muted">{t("results.empty")}</p> : null}
          <h2 id="medicines-heading">{t("medicines.title")}</h2>
          {loaded.medicines.length === 0 ? <p className="muted">{t("medicines.empty")}</p> : null}
        </section>
      </div>

      <section className="panel" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t("timeline.title")}</h2>
        {loaded.timeline.length === 0 ? (
          <p className="muted">{t("timeline.empty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("timeline.date")}</th>
                <th scope="col">{t("timeline.room")}</th>
                <th scope="col">{t("timeline.status")}</th>
                <th scope="col">{t("timeline.principal")}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.timeline.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link to={visitPath(loaded.hospitalSlug, v.id, "/note")} aria-label={t("timeline.open", { date: v.visitDate })}>
                      {v.visitDate}
                    </Link>
                  </td>
                  <td>{v.roomName}</td>
                  <td>{t(`visit:status.${v.status as "done"}`)}</td>
                  <td>{v.principal ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
