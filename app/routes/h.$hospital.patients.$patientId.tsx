// /h/:hospital/patients/:patientId: a patient's identity details (an audited read) and their edit form.
// The form carries the version it was read at; if a colleague saved in between, the page says so, shows
// the saved values next to what this person typed, and keeps the typing (docs/architecture.md §3, §8).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { may, notFoundInHospital, requireMember } from "~/auth/guards.server";
import { readFormData } from "~/server/read-form-data.server";
import { i18next } from "~/i18n/i18next.server";
import { formFailure, refuseForm } from "~/lib/form.server";
import { badRequest } from "~/lib/http-errors";
import { conflictResponse, isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import { getPatient } from "~/patients/get-patient.server";
import { PatientForm } from "~/patients/patient-form";
import { PATIENT_FIELDS, type PatientField, type PatientFormValues, type Sex } from "~/patients/patient-fields";
import { PATIENT_SEXES, parsePatientInput, patientFormValues } from "~/patients/patient-input";
import { toPatientView, type PatientView } from "~/patients/patient-view";
import { updatePatient } from "~/patients/update-patient.server";
import { todayInVietnam } from "~/patients/vietnam-date";
import { communeChoices, patientFormRefill } from "~/reception/patient-form-intent.server";
import { Banner } from "~/ui/banner";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["patients", "reception"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const patientPath = (slug: string, id: string) => `/h/${slug}/patients/${id}`;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "patient:read");
  const patient = await member.tx((t) => getPatient(t, params.patientId ?? ""));
  if (!patient) throw await notFoundInHospital(request, member);
  const flags = new URL(request.url).searchParams;
  const t = await i18next.getFixedT(request, "patients");
  return data({
    // The record number, not the name: titles end up in the browser history of a shared PC.
    title: `${t("detail.title", { mrn: patient.mrn })} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    patient: toPatientView(patient, todayInVietnam()),
    values: patientFormValues(patient),
    communes: communeChoices(patient.provinceCode),
    sexes: PATIENT_SEXES,
    canEdit: may(member, "patient:write"),
    saved: flags.has("saved"),
    registered: flags.has("registered"),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "patient:write");
  const id = params.patientId ?? "";
  const form = await readFormData(request);
  const version = parseExpectedVersion(form.get("version"));
  // Our own form always sends the version; without it an edit could overwrite blindly.
  if (version === null) throw badRequest();
  // "List this province's communes" (or a scan in the name field) fills the form in; nothing is saved.
  const refill = patientFormRefill(form);
  if (refill) return data({ ok: false as const, values: refill.values, errors: {}, formError: null, version, communes: refill.communes });
  const parsed = parsePatientInput(form);
  if (!parsed.ok) return refuseForm({ ...parsed, version, communes: communeChoices(parsed.values.provinceCode) });

  try {
    const updated = await member.tx((t) => updatePatient(t, id, version, parsed.data));
    if (!updated) throw await notFoundInHospital(request, member);
    return redirect(`${patientPath(member.hospital.slug, id)}?saved=1`);
  } catch (error) {
    if (!isStaleWriteError(error)) throw error;
    // Show the latest saved record (an audited read) next to what the person typed.
    const latest = await member.tx((t) => getPatient(t, id));
    if (!latest) throw await notFoundInHospital(request, member);
    return conflictResponse(error, {
      ...formFailure(parsed.values, { key: "errors:conflict.title" }),
      version: latest.version,
      latest: toPatientView(latest, todayInVietnam()),
      latestValues: patientFormValues(latest),
    });
  }
}

export default function PatientDetail() {
  const { t } = useTranslation(["patients", "errors"]);
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const conflict = result && "latest" in result ? result : null;
  const invalid = result && !("latest" in result) ? result : null;
  // After a conflict the summary shows what is saved now, even if the loader has not run again.
  const patient: PatientView = conflict?.latest ?? loaded.patient;
  const version = result ? result.version : patient.version;
  const formAction = patientPath(loaded.hospitalSlug, patient.id);
  const age = patient.age.years >= 1 ? t("age.years", { years: patient.age.years }) : t("age.months", { months: patient.age.months });

  return (
    <div className="patient-detail">
      <PageHeader
        back={{ to: `/h/${loaded.hospitalSlug}/patients`, label: t("detail.back") }}
        title={
          <>
            {patient.fullName} <span className="patient-mrn">{t("fields.mrn")} {patient.mrn}</span>
          </>
        }
      />

      {/* After a save the focus goes to what happened, not back to the top of the page; a new
          address (each save) makes a new banner, which takes the focus again. */}
      {loaded.registered && !result ? (
        <Banner key={location.key} tone="ok" focus data-testid="saved-banner">
          {t("detail.registered", { mrn: patient.mrn })}
        </Banner>
      ) : loaded.saved && !result ? (
        <Banner key={location.key} tone="ok" focus data-testid="saved-banner">
          {t("detail.saved")}
        </Banner>
      ) : null}
      {conflict ? <ConflictNotice typed={conflict.values} saved={conflict.latestValues} /> : null}

      <div className="patient-columns">
        <section className="panel patient-summary" aria-labelledby="patient-summary-heading">
          <h2 id="patient-summary-heading">{t("detail.summary")}</h2>
          <dl>
            <dt>{t("fields.mrn")}</dt>
            <dd>{patient.mrn}</dd>
            <dt>{t("fields.birthDate")}</dt>
            <dd>
              {patient.birthDate} <span className="muted">({age})</span>
            </dd>
            <dt>{t("fields.sex")}</dt>
            <dd>{t(`sex.${patient.sex}`)}</dd>
            <dt>{t("fields.phone")}</dt>
            <dd>{patient.phone ?? t("detail.empty")}</dd>
            <dt>{t("fields.updatedAt")}</dt>
            <dd>{patient.updatedAt}</dd>
          </dl>
        </section>

        {loaded.canEdit ? (
          <section className="panel patient-edit" aria-labelledby="patient-edit-heading">
            <h2 id="patient-edit-heading">{t("detail.edit")}</h2>
            <PatientForm
              // A new version (saved, or a conflict's latest) starts the form afresh from its values.
              key={version}
              action={formAction}
              values={result?.values ?? loaded.values}
              errors={invalid?.errors}
              communes={(result && "communes" in result ? result.communes : undefined) ?? loaded.communes}
              sexes={loaded.sexes}
              hidden={{ version: String(version) }}
              submitLabel={t("detail.save")}
              submittingLabel={t("detail.saving")}
            />
          </section>
        ) : (
          <p className="muted">{t("detail.readOnly")}</p>
        )}
      </div>
    </div>
  );
}

/** What someone else saved, beside what this person typed, row by row. */
function ConflictNotice({ typed, saved }: { typed: PatientFormValues; saved: PatientFormValues }) {
  const { t } = useTranslation(["patients", "errors"]);
  const show = (field: PatientField, value: string) =>
    // The sex field only ever holds one of the form's own choices (or nothing).
    field === "sex" && value ? t(`sex.${value as Sex}`) : value || t("detail.empty");
  return (
    <Banner tone="error" focus className="patient-conflict">
      <p>
        <strong>{t("errors:conflict.title")}</strong>
      </p>
      <p>{t("errors:conflict.body")}</p>
      <table className="data patient-conflict-table">
        <caption className="visually-hidden">{t("detail.conflictCompare")}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">{t("detail.conflictYours")}</th>
            <th scope="col">{t("detail.conflictSaved")}</th>
          </tr>
        </thead>
        <tbody>
          {PATIENT_FIELDS.map((field) => {
            const differs = typed[field].trim() !== saved[field].trim();
            return (
              <tr key={field} className={differs ? "patient-differs" : undefined}>
                <th scope="row">{t(`fields.${field}`)}</th>
                <td>{show(field, typed[field])}</td>
                <td>{show(field, saved[field])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>{t("detail.conflictNext")}</p>
    </Banner>
  );
}
