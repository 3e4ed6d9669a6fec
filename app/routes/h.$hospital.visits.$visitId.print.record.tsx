// /h/:hospital/visits/:visitId/print/record: the outpatient record (form 15/BV1, Circular 32/2023):
// the administrative part and the visit's parts, filled from what the electronic record has; A4.
// Printing is an audited chart read, and the results it shows are audited reads (decision 049).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPrintout } from "~/print/print-route.server";
import { PrintSheet } from "~/print/print-sheet";

export const handle = { i18n: ["print"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = (args: LoaderFunctionArgs) => loadPrintout(args, "record", "a4");

export default function PrintRecord() {
  const { t } = useTranslation("print");
  const { hospitalSlug, visitId, paper, view } = useLoaderData<typeof loader>();
  const base = `/h/${hospitalSlug}/visits/${visitId}`;
  const p = view.patient;
  const c = view.clinical;
  const blank = t("record.notEntered");
  const principal = c.diagnoses.filter((d) => d.principal);
  const secondary = c.diagnoses.filter((d) => !d.principal);
  const line = (list: typeof c.diagnoses) => (list.length ? list.map((d) => `${d.name} (${d.code})`).join("; ") : blank);
  return (
    <PrintSheet paper={paper} back={`${base}/orders`} here={`${base}/print/record`} footer={view}>
      <header className="print-head">
        <div>
          <p>{t("common.ministry")}</p>
          <p>
            <strong>{view.hospitalName}</strong>
          </p>
        </div>
        <div className="print-number">
          <p>{t("record.form")}</p>
          <p>
            {t("common.mrn")}: {p.mrn}
          </p>
        </div>
      </header>
      <h1 className="print-title">{t("record.heading")}</h1>
      <h2 className="print-section">{t("record.administrative")}</h2>
      <dl className="print-fields">
        <div className="print-wide">
          <dt>1. {t("common.fullName")}:</dt>
          <dd className="print-name">{p.fullName}</dd>
        </div>
        <div>
          <dt>2. {t("common.birthDate")}:</dt>
          <dd>
            {p.birthDate} ({p.young ? t("common.ageMonths", { months: p.age.months }) : t("common.ageYears", { years: p.age.years })})
          </dd>
        </div>
        <div>
          <dt>3. {t("common.sex")}:</dt>
          <dd>{t(`common.sexes.${p.sex}`)}</dd>
        </div>
        <div className="print-wide">
          <dt>4. {t("common.address")}:</dt>
          <dd>{p.address ?? t("common.notRecorded")}</dd>
        </div>
        <div className="print-wide">
          <dt>5. {t("common.nationalId")}:</dt>
          <dd>{p.nationalId ?? t("common.notRecorded")}</dd>
        </div>
        <div>
          <dt>6. {t("record.payer")}:</dt>
          <dd>{t(`common.payer.${view.visit.payer}`)}</dd>
        </div>
        <div>
          <dt>7. {t("common.insurance")}:</dt>
          <dd>{p.insuranceNumber ?? t("common.notRecorded")}</dd>
        </div>
        <div>
          <dt>8. {t("common.phone")}:</dt>
          <dd>{p.phone ?? t("common.notRecorded")}</dd>
        </div>
        <div>
          <dt>9. {t("record.visitAt")}:</dt>
          <dd>{view.visit.visitDate}</dd>
        </div>
        <div>
          <dt>10. {t("record.room")}:</dt>
          <dd>
            {view.visit.roomName} (#{view.visit.queueNumber})
          </dd>
        </div>
      </dl>
      <h2 className="print-section">{t("record.reason")}</h2>
      <p>{c.reason ?? blank}</p>
      <h2 className="print-section">{t("record.history")}</h2>
      <p>{c.history ?? blank}</p>
      <h2 className="print-section">{t("record.exam")}</h2>
      <p>
        <strong>{t("record.vitals")}:</strong> {c.vitals ?? blank}
      </p>
      <p>{c.examination ?? blank}</p>
      <h3 className="print-subsection">{t("record.results")}</h3>
      {view.results.length === 0 ? (
        <p>{t("record.noResults")}</p>
      ) : (
        <table className="print-table">
          <tbody>
            {view.results.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.service}</th>
                <td className={r.flag === "high" || r.flag === "low" ? "result-abnormal" : undefined}>
                  {r.value ?? t("record.pending")}
                  {r.flag === "high" ? " ↑" : r.flag === "low" ? " ↓" : ""}
                </td>
                <td>{r.range}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="print-subsection">{t("record.diagnosis")}</h3>
      <p>
        {t("record.principal")}: {line(principal)}
      </p>
      <p>
        {t("record.secondary")}: {secondary.length ? line(secondary) : "—"}
      </p>
      <h2 className="print-section">{t("record.treatment")}</h2>
      <p>
        <strong>{t("record.prescription")}:</strong>
      </p>
      {view.drugs.length === 0 ? (
        <p>{t("record.noPrescription")}</p>
      ) : (
        <ol className="print-drugs">
          {view.drugs.map((drug) => (
            <li key={drug.id}>
              {drug.label}: {t("prescription.quantity", { quantity: drug.quantity, unit: drug.unit })};{" "}
              {t("prescription.usageLine", { dose: drug.dose, unit: drug.unit, times: drug.times, days: drug.days, route: drug.route.toLowerCase() })}
            </li>
          ))}
        </ol>
      )}
      <p>
        <strong>{t("record.disposition")}:</strong> {c.disposition ?? blank}
        {view.visit.followUpDate ? ` · ${t("prescription.followUp", { date: view.visit.followUpDate })}` : ""}
      </p>
      <div className="print-sign-row">
        <div />
        <div className="print-sign">
          <p>{t("common.date", view.visit.date)}</p>
          <p>
            <strong>{t("record.physician")}</strong>
          </p>
          <p className="muted">{t("common.signature")}</p>
          <p className="print-sign-space" />
        </div>
      </div>
      <p className="print-note no-print">{t("record.unverified")}</p>
    </PrintSheet>
  );
}
