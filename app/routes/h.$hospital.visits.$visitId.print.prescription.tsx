// /h/:hospital/visits/:visitId/print/prescription: the prescription in the Ministry of Health's layout
// (Circular 26/2025; what could not be verified is said on the page), A5 by default, printed from the
// browser. Printing is an audited chart read (decision 049).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPrintout } from "~/print/print-route.server";
import { PrintSheet } from "~/print/print-sheet";

export const handle = { i18n: ["print"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = (args: LoaderFunctionArgs) => loadPrintout(args, "prescription", "a5");

export default function PrintPrescription() {
  const { t } = useTranslation("print");
  const { hospitalSlug, visitId, paper, view } = useLoaderData<typeof loader>();
  const base = `/h/${hospitalSlug}/visits/${visitId}`;
  const p = view.patient;
  const age = p.young ? t("common.ageMonths", { months: p.age.months }) : t("common.ageYears", { years: p.age.years });
  const diagnosis = view.clinical.diagnoses.map((d) => `${d.name} (${d.code})`).join("; ");
  return (
    <PrintSheet paper={paper} back={`${base}/prescription`} here={`${base}/print/prescription`} footer={view}>
      <header className="print-head">
        <div>
          <p>{t("common.ministry")}</p>
          <p>
            <strong>{view.hospitalName}</strong>
          </p>
        </div>
        <div className="print-number">{t("prescription.number", { code: view.lookupCode })}</div>
      </header>
      <h1 className="print-title">{t("prescription.heading")}</h1>
      <dl className="print-fields">
        <div className="print-wide">
          <dt>{t("common.fullName")}:</dt>
          <dd className="print-name">{p.fullName}</dd>
        </div>
        <div>
          <dt>{t("common.birthDate")}:</dt>
          <dd>
            {p.birthDate} ({age})
          </dd>
        </div>
        <div>
          <dt>{t("common.sex")}:</dt>
          <dd>{t(`common.sexes.${p.sex}`)}</dd>
        </div>
        <div className="print-wide">
          <dt>{t("common.nationalId")}:</dt>
          <dd>{p.nationalId ?? t("common.notRecorded")}</dd>
        </div>
        <div>
          <dt>{t("common.insurance")}:</dt>
          <dd>{p.insuranceNumber ?? t("common.notRecorded")}</dd>
        </div>
        <div className="print-wide">
          <dt>{t("common.address")}:</dt>
          <dd>{p.address ?? t("common.notRecorded")}</dd>
        </div>
        <div className="print-wide">
          <dt>{t("common.diagnosis")}:</dt>
          <dd>{diagnosis || t("common.notRecorded")}</dd>
        </div>
      </dl>
      <h2 className="print-section">{t("prescription.drugs")}:</h2>
      {view.drugs.length === 0 ? (
        <p>{t("prescription.empty")}</p>
      ) : (
        <ol className="print-drugs">
          {view.drugs.map((drug) => (
            <li key={drug.id}>
              <div className="print-drug-line">
                <strong>{drug.label}</strong>
                <span>{t("prescription.quantity", { quantity: drug.quantity, unit: drug.unit })}</span>
              </div>
              <div>
                {t("prescription.usage", {
                  usage:
                    t("prescription.usageLine", { dose: drug.dose, unit: drug.unit, times: drug.times, days: drug.days, route: drug.route.toLowerCase() }) +
                    (drug.instructions ? `; ${drug.instructions}` : ""),
                })}
              </div>
            </li>
          ))}
        </ol>
      )}
      <p>{t("prescription.total", { count: view.drugs.length })}</p>
      {view.advice ? (
        <p>
          <strong>{t("prescription.advice")}:</strong> {view.advice}
        </p>
      ) : null}
      <div className="print-sign-row">
        <div className="print-followup">
          <p>{view.visit.followUpDate ? t("prescription.followUp", { date: view.visit.followUpDate }) : t("prescription.followUpNone")}</p>
          <p>{t("prescription.bringBack")}</p>
          {p.young ? <p>{t("prescription.guardian")} …………………</p> : null}
        </div>
        <div className="print-sign">
          <p>{t("common.date", view.visit.date)}</p>
          <p>
            <strong>{t("prescription.prescriber")}</strong>
          </p>
          <p className="muted">{t("common.signature")}</p>
          <p className="print-sign-space" />
          <p>
            <strong>{view.prescriberName ?? ""}</strong>
          </p>
        </div>
      </div>
      <p className="print-note no-print">{t("prescription.unverified")}</p>
    </PrintSheet>
  );
}
