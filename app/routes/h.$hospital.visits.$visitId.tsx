// /h/:hospital/visits/:visitId: the visit's first tab, vital signs. The nurse records pulse, blood
// pressure, temperature, respiratory rate, SpO2, weight and height; BMI is computed; impossible values
// are refused with a message per field, abnormal ones are flagged. A wrong entry is marked entered in
// error (kept). Every open of the page is an audited read of the visit.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatMeasure } from "~/ui/number";
import { may, requireMember } from "~/auth/guards.server";
import { KEEP_DRAFT_ATTRIBUTE } from "~/auth/form-draft";
import { i18next } from "~/i18n/i18next.server";
import { conflictResponse, isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import { parseForm, refuseForm } from "~/lib/form.server";
import { badRequest } from "~/lib/http-errors";
import { formatVietnameseDateTime } from "~/patients/vietnam-date";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { Field } from "~/ui/field";
import { isVisitOpen, listVisitVitals, markVitalsInError, recordVitals } from "~/visits/record-vitals.server";
import { VisitFrame } from "~/visits/visit-frame";
import { openVisit } from "~/visits/visit-page.server";
import { visitPath } from "~/visits/visit-tabs";
import { bmiOf, flagsOf, VITAL_FIELDS, vitalsSchema, type VitalField, type VitalFlag } from "~/visits/vitals";

import visitStyles from "~/visits/visits.css?url";

export const links = () => [{ rel: "stylesheet", href: visitStyles }];

export const handle = { i18n: ["visit", "patients", "orders", "prescriptions"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { member, header, extra } = await openVisit(request, context, params, "visit:read", "vitals", (t, visit) => listVisitVitals(t, visit.id));
  const t = await i18next.getFixedT(request, "visit");
  const flags = new URL(request.url).searchParams;
  return data({
    title: `${t("vitals.title")} · ${t("header.title", { number: header.queueNumber })} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    header,
    canWrite: may(member, "vitals:write"),
    open: header.status === "waiting" || header.status === "in_progress",
    saved: flags.has("saved"),
    marked: flags.has("marked"),
    vitals: extra.map((v) => ({
      ...v,
      recordedAt: formatVietnameseDateTime(v.recordedAt),
      bmi: bmiOf(v.weightKg, v.heightCm),
      flags: flagsOf(v),
    })),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // The door before reading anything: a stranger gets 404 whatever the body (openVisit asks again, memoized).
  await requireMember(request, context, params.hospital, "vitals:write");
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "mark") {
    const version = parseExpectedVersion(form.get("version"));
    const id = form.get("vitalsId");
    if (version === null || typeof id !== "string") throw badRequest();
    try {
      const { member } = await openVisit(request, context, params, "vitals:write", "vitals", async (t, visit) => {
        if (!(await markVitalsInError(t, visit.id, id, version))) throw badRequest();
      });
      return redirect(`${visitPath(member.hospital.slug, params.visitId!)}?marked=1`);
    } catch (error) {
      if (isStaleWriteError(error)) return conflictResponse(error, { ok: false as const, values: {}, errors: {}, formError: { key: "errors:conflict.title" } });
      throw error;
    }
  }
  const parsed = parseForm(form, vitalsSchema);
  if (!parsed.ok) {
    // The visit must exist before telling anyone what was wrong with their input.
    await openVisit(request, context, params, "vitals:write", "vitals", async () => null);
    return refuseForm(parsed);
  }
  const { member, extra } = await openVisit(request, context, params, "vitals:write", "vitals", async (t, visit) => {
    if (!(await isVisitOpen(t, visit.id))) return false;
    await recordVitals(t, visit, parsed.data);
    return true;
  });
  if (!extra) return refuseForm({ ok: false as const, values: parsed.values, errors: {}, formError: { key: "visit:vitals.closed" } }, { status: 409 });
  return redirect(`${visitPath(member.hospital.slug, params.visitId!)}?saved=1`);
}

const FLAG_KEYS = { low: "vitals.flags.low", high: "vitals.flags.high" } as const;

export default function VisitVitals() {
  const { t, i18n } = useTranslation(["visit", "errors", "common"]);
  const num = (value: number | null) => formatMeasure(value, i18n.language);
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const values = result && "values" in result ? (result.values as Partial<Record<VitalField, string>>) : {};
  const errors = result && "errors" in result ? (result.errors as Partial<Record<VitalField, string>>) : {};
  const formError = result && "formError" in result ? result.formError : null;
  const [weight, setWeight] = useState(values.weightKg ?? "");
  const [height, setHeight] = useState(values.heightCm ?? "");
  const bmi = bmiOf(Number(weight.replace(",", ".")) || null, Number(height.replace(",", ".")) || null);
  const message = (key: string | undefined) => (key ? t(`visit:${key}` as "visit:vitals.errors.empty") : undefined);

  return (
    <VisitFrame slug={loaded.hospitalSlug} header={loaded.header} current="vitals">
      {loaded.saved && !result ? (
        <Banner key={location.key} tone="ok" focus data-testid="saved-banner">
          {t("vitals.saved")}
        </Banner>
      ) : null}
      {loaded.marked && !result ? (
        <Banner key={location.key} tone="ok" focus>
          {t("vitals.marked")}
        </Banner>
      ) : null}
      <div className="visit-columns">
        {loaded.canWrite && loaded.open ? (
          <section className="panel" aria-labelledby="vitals-form-heading">
            <h2 id="vitals-form-heading">{t("vitals.formHeading")}</h2>
            <ErrorSummary
              items={VITAL_FIELDS.filter((f) => errors[f]).map((f) => ({ fieldId: `vitals-${f}`, message: message(errors[f])! }))}
              formMessage={formError ? t(formError.key as "visit:vitals.closed") : null}
            />
            <Form key={location.key} method="post" noValidate {...{ [KEEP_DRAFT_ATTRIBUTE]: "" }} className="vitals-form">
              <input type="hidden" name="intent" value="record" />
              <div className="vitals-grid">
                {VITAL_FIELDS.map((field) => (
                  <Field
                    key={field}
                    prefix="vitals"
                    name={field}
                    label={t(`vitals.fields.${field}`)}
                    inputMode="decimal"
                    autoComplete="off"
                    defaultValue={values[field] ?? ""}
                    error={message(errors[field])}
                    onChange={field === "weightKg" ? (e) => setWeight(e.currentTarget.value) : field === "heightCm" ? (e) => setHeight(e.currentTarget.value) : undefined}
                  />
                ))}
              </div>
              <p className="vitals-bmi" aria-live="polite">
                {t("vitals.bmi")}: <strong data-testid="bmi">{num(bmi)}</strong> <span className="hint">{t("vitals.bmiHint")}</span>
              </p>
              <Button type="submit" disabled={navigation.state === "submitting"}>
                {navigation.state === "submitting" ? t("vitals.recording") : t("vitals.record")}
              </Button>
            </Form>
          </section>
        ) : (
          <p className="muted">{loaded.canWrite ? t("vitals.closed") : t("vitals.readOnly")}</p>
        )}
        <section className="panel" aria-labelledby="vitals-history-heading">
          <h2 id="vitals-history-heading">{t("vitals.history")}</h2>
          {loaded.vitals.length === 0 ? (
            <p className="muted">{t("vitals.none")}</p>
          ) : (
            <table className="data vitals-table">
              <thead>
                <tr>
                  <th scope="col">{t("vitals.at")}</th>
                  <th scope="col">{t("vitals.short.pulse")}</th>
                  <th scope="col">{t("vitals.short.bloodPressure")}</th>
                  <th scope="col">{t("vitals.short.temperature")}</th>
                  <th scope="col">{t("vitals.short.respiratoryRate")}</th>
                  <th scope="col">{t("vitals.short.spo2")}</th>
                  <th scope="col">{t("vitals.bmi")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("vitals.markError")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {loaded.vitals.map((v) => {
                  const wrong = v.status === "entered_in_error";
                  const cell = (value: number | null, flag: VitalFlag) => (
                    <td className={flag ? "vital-abnormal" : undefined}>
                      {num(value)}
                      {flag ? <span className="vital-flag"> ({t(FLAG_KEYS[flag])})</span> : null}
                    </td>
                  );
                  return (
                    <tr key={v.id} className={wrong ? "entered-in-error" : undefined} data-testid="vitals-row">
                      <td>
                        {v.recordedAt}
                        {wrong ? <span className="tag"> {t("vitals.enteredInError")}</span> : null}
                      </td>
                      {cell(v.pulse, v.flags.pulse)}
                      <td className={v.flags.systolic || v.flags.diastolic ? "vital-abnormal" : undefined}>
                        {num(v.systolic)}/{num(v.diastolic)}
                        {v.flags.systolic || v.flags.diastolic ? <span className="vital-flag"> ({t(FLAG_KEYS[(v.flags.systolic ?? v.flags.diastolic)!])})</span> : null}
                      </td>
                      {cell(v.temperature, v.flags.temperature)}
                      {cell(v.respiratoryRate, v.flags.respiratoryRate)}
                      {cell(v.spo2, v.flags.spo2)}
                      {cell(v.bmi, v.flags.bmi)}
                      <td>
                        {!wrong && loaded.canWrite && loaded.open ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="mark" />
                            <input type="hidden" name="vitalsId" value={v.id} />
                            <input type="hidden" name="version" value={v.version} />
                            <Button type="submit" variant="link">
                              {t("vitals.markError")}
                            </Button>
                          </Form>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </VisitFrame>
  );
}
