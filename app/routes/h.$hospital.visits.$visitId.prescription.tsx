// /h/:hospital/visits/:visitId/prescription: find a drug in the formulary (?q=), choose it (?drug=),
// give dose, times a day and days; the quantity is computed. An allergy or duplicate-ingredient
// warning stops the first submit and shows what matched; the prescriber may go on past it, and the
// warning is kept with the drug. Once the visit is signed nothing here changes.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { may, notFoundInHospital, requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { badRequest } from "~/lib/http-errors";
import { getVisitHeader } from "~/orders/visit-header.server";
import { toVisitBannerView, VisitBanner } from "~/orders/visit-banner";
import {
  computeQuantity,
  FORMULARY_QUERY_MAX_LENGTH,
  parseDose,
  parseWholeNumber,
  PRESCRIPTION_ITEM_FIELDS,
  type PrescriptionWarning,
} from "~/prescriptions/prescription";
import { adviceSchema, parsePrescriptionItem } from "~/prescriptions/prescription-input.server";
import {
  addPrescriptionItem,
  getFormularyItem,
  getVisitPrescription,
  removePrescriptionItem,
  savePrescriptionAdvice,
  searchFormulary,
} from "~/prescriptions/prescriptions.server";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button, ButtonLink } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { Field, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import { VisitTabs } from "~/visits/visit-frame";
import visitStyles from "~/visits/visits.css?url";

export const links = () => [{ rel: "stylesheet", href: visitStyles }];

export const handle = { i18n: ["orders", "prescriptions", "visit"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const pagePath = (slug: string, visitId: string) => `/h/${slug}/visits/${visitId}/prescription`;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "visit:read");
  const search = new URL(request.url).searchParams;
  const query = (search.get("q") ?? "").slice(0, FORMULARY_QUERY_MAX_LENGTH);
  const found = await member.tx(async (t) => {
    const visit = await getVisitHeader(t, params.visitId ?? "", "prescription");
    if (!visit) return null;
    const prescription = await getVisitPrescription(t, visit.id, visit.patientId);
    const matches = query.trim() ? await searchFormulary(t, query) : [];
    const chosen = search.get("drug") ? await getFormularyItem(t, search.get("drug")!) : null;
    return { visit, prescription, matches, chosen };
  });
  if (!found) throw await notFoundInHospital(request, member);
  const t = await i18next.getFixedT(request, "prescriptions");
  return data({
    title: `${t("page.title")} · ${found.visit.patient.mrn} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    visitId: found.visit.id,
    visit: toVisitBannerView(found.visit),
    canWrite: may(member, "prescription:write") && found.visit.signedAt === null,
    prescription: found.prescription,
    query,
    matches: found.matches,
    chosen: found.chosen,
    added: search.get("added"),
    removed: search.has("removed"),
    adviceSaved: search.has("advice"),
  });
}

type Failure = {
  ok: false;
  values: Record<string, string>;
  errors: Record<string, string | undefined>;
  formError: { key: string } | null;
  warnings?: PrescriptionWarning[];
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "prescription:write");
  const visitId = params.visitId ?? "";
  const form = await readFormData(request);
  const intent = form.get("intent");
  const path = pagePath(member.hospital.slug, visitId);

  if (intent === "remove") {
    const itemId = form.get("itemId");
    const version = parseExpectedVersion(form.get("version"));
    if (typeof itemId !== "string" || version === null) throw badRequest();
    try {
      const outcome = await member.tx((t) => removePrescriptionItem(t, visitId, itemId, version));
      if (outcome === null) throw await notFoundInHospital(request, member);
      if (outcome === "visitSigned") return refuseForm(formFailure({}, { key: "prescriptions:errors.visitSigned" }));
      return redirect(`${path}?removed=1`);
    } catch (error) {
      if (!isStaleWriteError(error)) throw error;
      return refuseForm(formFailure({}, { key: "errors:conflict.title" }), { status: 409 });
    }
  }

  if (intent === "advice") {
    const parsed = parseForm(form, adviceSchema);
    if (!parsed.ok) return refuseForm(parsed);
    const outcome = await member.tx((t) => savePrescriptionAdvice(t, visitId, parsed.data.advice));
    if (outcome === null) throw await notFoundInHospital(request, member);
    if (outcome === "visitSigned") return refuseForm(formFailure(parsed.values, { key: "prescriptions:errors.visitSigned" }));
    return redirect(`${path}?advice=1`);
  }

  if (intent !== "add") throw badRequest();
  const parsed = parsePrescriptionItem(form);
  if (!parsed.ok) return refuseForm(parsed);
  const acknowledge = form.get("acknowledgeWarnings") === "1";
  const outcome = await member.tx((t) => addPrescriptionItem(t, visitId, parsed.data, { acknowledgeWarnings: acknowledge }));
  if (outcome.ok) return redirect(`${path}?added=${outcome.quantity}`);
  if (outcome.reason === "visitNotFound") throw await notFoundInHospital(request, member);
  if (outcome.reason === "warnings") {
    // Not an error: nothing saved yet, the prescriber decides. Same form, with the warnings.
    return data({ ok: false, values: parsed.values, errors: {}, formError: null, warnings: outcome.warnings } satisfies Failure);
  }
  return refuseForm(formFailure(parsed.values, { key: `prescriptions:errors.${outcome.reason}` }));
}

function useQuantityPreview(initial: Record<string, string>) {
  const [values, setValues] = useState(initial);
  const dose = parseDose(values.dosePerTake ?? "");
  const times = parseWholeNumber(values.timesPerDay ?? "");
  const days = parseWholeNumber(values.days ?? "");
  const quantity = dose !== null && times !== null && days !== null ? computeQuantity(dose, times, days) : null;
  return {
    quantity,
    onChange: (event: React.FormEvent<HTMLFormElement>) => {
      const target = event.target as HTMLInputElement;
      if (target.name) setValues((old) => ({ ...old, [target.name]: target.value }));
    },
  };
}

export default function PrescriptionPage() {
  const { t } = useTranslation(["prescriptions", "errors"]);
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Failure | undefined;
  const navigation = useNavigation();
  const path = pagePath(loaded.hospitalSlug, loaded.visitId);
  const submitting = navigation.state === "submitting" && navigation.formAction === path;
  const visitBase = `/h/${loaded.hospitalSlug}/visits/${loaded.visitId}`;
  const values = result?.values ?? {};
  const errors = result?.errors ?? {};
  const chosenId = values.formularyItemId || loaded.chosen?.id || "";
  const chosen = loaded.chosen && loaded.chosen.id === chosenId ? loaded.chosen : null;
  const initial = { dosePerTake: values.dosePerTake ?? "1", timesPerDay: values.timesPerDay ?? "2", days: values.days ?? "5" };
  const preview = useQuantityPreview(initial);
  const message = (field: string) => (errors[field] ? t(errors[field] as "prescriptions:errors.doseRequired") : undefined);
  const summary = PRESCRIPTION_ITEM_FIELDS.flatMap((field) =>
    errors[field] ? [{ fieldId: fieldIds("rx", field).input, message: message(field)! }] : [],
  );
  const warningText = (w: PrescriptionWarning) =>
    w.kind === "allergy"
      ? t("warning.allergy", { substance: w.substance, ingredient: w.ingredient })
      : t(w.elsewhere ? "warning.duplicateElsewhere" : "warning.duplicate", { ingredient: w.ingredient, otherDrug: w.otherDrug });

  return (
    <div className="visit-prescription">
      <PageHeader
        title={t("page.heading")}
        actions={
          <>
            <ButtonLink to={`${visitBase}/orders`}>{t("page.toOrders")}</ButtonLink>
            <ButtonLink to={`${visitBase}/print/prescription`}>{t("page.print")}</ButtonLink>
          </>
        }
      />
      <VisitBanner visit={loaded.visit} />
      <VisitTabs slug={loaded.hospitalSlug} visitId={loaded.visitId} current="prescription" />
      {loaded.added && !result ? (
        <Banner tone="ok" focus data-testid="saved-banner">
          {t("page.added", { name: loaded.prescription.items.at(-1)?.drugName ?? "", quantity: loaded.added })}
        </Banner>
      ) : null}
      {loaded.removed && !result ? <Banner tone="ok">{t("page.removed")}</Banner> : null}
      {loaded.adviceSaved && !result ? <Banner tone="ok">{t("page.adviceSaved")}</Banner> : null}

      <section className="panel" aria-labelledby="rx-items-heading">
        <h2 id="rx-items-heading">{t("page.items")}</h2>
        {loaded.prescription.items.length === 0 ? (
          <p className="muted">{t("page.empty")}</p>
        ) : (
          <table className="data rx-table">
            <caption className="visually-hidden">{t("page.items")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.drug")}</th>
                <th scope="col">{t("columns.usage")}</th>
                <th scope="col">{t("columns.quantity")}</th>
                <th scope="col">{t("columns.instructions")}</th>
                {loaded.canWrite ? <th scope="col">{t("columns.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {loaded.prescription.items.map((item) => (
                <tr key={item.id} data-testid={`rx-item-${item.formularyItemId}`}>
                  <td>
                    <strong>{item.drugName}</strong> <span className="muted">({item.activeIngredient}, {item.strength})</span>
                    {item.warnings.length > 0 ? (
                      <p className="rx-warned">{t("page.acknowledged", { warnings: item.warnings.map(warningText).join(" ") })}</p>
                    ) : null}
                  </td>
                  <td>
                    {t("page.usage", { dose: item.dosePerTake.replace(/\.?0+$/, ""), unit: item.unit, times: item.timesPerDay, days: item.days })} · {item.route}
                  </td>
                  <td data-testid="rx-quantity">
                    {item.quantity} {item.unit}
                  </td>
                  <td>{item.instructions}</td>
                  {loaded.canWrite ? (
                    <td>
                      <Form method="post" action={path}>
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <input type="hidden" name="version" value={item.version} />
                        <Button type="submit" variant="secondary" aria-label={t("page.removeLabel", { name: item.drugName })}>
                          {t("page.remove")}
                        </Button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {loaded.canWrite ? (
        <>
          <section className="panel" aria-labelledby="rx-add-heading">
            <h2 id="rx-add-heading">{t("page.search")}</h2>
            <Form method="get" action={path} className="search-form" role="search">
              <Field prefix="rx" name="q" label={t("page.search")} hint={t("page.searchHint")} defaultValue={loaded.query} maxLength={FORMULARY_QUERY_MAX_LENGTH} autoComplete="off" />
              <Button type="submit" variant="secondary">
                {t("page.searchButton")}
              </Button>
            </Form>
            {loaded.query && loaded.matches.length === 0 ? <p>{t("page.noMatch", { query: loaded.query })}</p> : null}
            {loaded.matches.length > 0 ? (
              <ul className="rx-matches">
                {loaded.matches.map((drug) => (
                  <li key={drug.id}>
                    <Link to={`${path}?q=${encodeURIComponent(loaded.query)}&drug=${drug.id}`} aria-label={t("page.chooseLabel", { name: drug.name })}>
                      {drug.name}
                    </Link>{" "}
                    <span className="muted">
                      {drug.activeIngredient} · {drug.strength} · {drug.form} · {drug.route}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>

          {chosen ? (
            <section className="panel" aria-labelledby="rx-chosen-heading">
              <h2 id="rx-chosen-heading">
                {t("page.chosen")}: {chosen.name}
              </h2>
              <p className="muted">
                {chosen.activeIngredient} · {chosen.strength} · {chosen.form}
                {chosen.commonDose ? ` · ${t("page.commonDose", { dose: chosen.commonDose })}` : ""}
              </p>
              <Form method="post" action={path} noValidate onChange={preview.onChange} data-keep-draft="" className="rx-form">
                <ErrorSummary items={summary} formMessage={result?.formError ? t(result.formError.key as "prescriptions:errors.visitSigned") : null} />
                {result?.warnings && result.warnings.length > 0 ? (
                  <Banner tone="warn" focus data-testid="rx-warnings">
                    <p>
                      <strong>{t("page.warningsTitle")}</strong>
                    </p>
                    <ul>
                      {result.warnings.map((w, i) => (
                        <li key={i}>{warningText(w)}</li>
                      ))}
                    </ul>
                    <input type="hidden" name="acknowledgeWarnings" value="1" />
                  </Banner>
                ) : null}
                <input type="hidden" name="intent" value="add" />
                <input type="hidden" name="formularyItemId" value={chosen.id} />
                <div className="rx-numbers">
                  <Field prefix="rx" name="dosePerTake" label={t("page.dosePerTake", { unit: chosen.unit })} hint={t("page.doseHint")} error={message("dosePerTake")} required defaultValue={initial.dosePerTake} inputMode="decimal" maxLength={8} autoComplete="off" inputClassName="input-number" />
                  <Field prefix="rx" name="timesPerDay" label={t("page.timesPerDay")} error={message("timesPerDay")} required defaultValue={initial.timesPerDay} inputMode="numeric" maxLength={3} autoComplete="off" inputClassName="input-number" />
                  <Field prefix="rx" name="days" label={t("page.days")} error={message("days")} required defaultValue={initial.days} inputMode="numeric" maxLength={4} autoComplete="off" inputClassName="input-number" />
                </div>
                <p className="rx-quantity" aria-live="polite" data-testid="rx-quantity-preview">
                  {preview.quantity !== null && preview.quantity > 0 ? t("page.quantityPreview", { quantity: preview.quantity, unit: chosen.unit }) : null}
                </p>
                <Field prefix="rx" name="route" label={t("page.route")} error={message("route")} defaultValue={values.route ?? chosen.route} maxLength={50} autoComplete="off" />
                <Field prefix="rx" name="instructions" label={t("page.instructions")} hint={t("page.instructionsHint")} error={message("instructions")} defaultValue={values.instructions ?? ""} maxLength={500} autoComplete="off" inputClassName="input-wide" />
                <div className="form-actions">
                  <Button type="submit" disabled={submitting}>
                    {submitting ? t("page.adding") : result?.warnings?.length ? t("page.warningsConfirm") : t("page.add")}
                  </Button>
                </div>
              </Form>
            </section>
          ) : null}

          <section className="panel" aria-labelledby="rx-advice-heading">
            <h2 id="rx-advice-heading">{t("page.advice")}</h2>
            <Form method="post" action={path}>
              <input type="hidden" name="intent" value="advice" />
              <div className="field">
                <label htmlFor="rx-advice">
                  {t("page.advice")} <span className="hint">{t("page.adviceHint")}</span>
                </label>
                <textarea id="rx-advice" name="advice" rows={3} maxLength={1000} defaultValue={loaded.prescription.advice ?? ""} className="input-wide" />
              </div>
              <Button type="submit" variant="secondary">
                {t("page.saveAdvice")}
              </Button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}
