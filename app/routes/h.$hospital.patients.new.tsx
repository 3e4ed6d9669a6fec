// /h/:hospital/patients/new: register a patient at reception. The record number is assigned on save.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { readFormData } from "~/server/read-form-data.server";
import { i18next } from "~/i18n/i18next.server";
import { PatientForm } from "~/patients/patient-form";
import { EMPTY_PATIENT_FORM } from "~/patients/patient-fields";
import { parsePatientInput, PATIENT_SEXES } from "~/patients/patient-input";
import { registerPatient } from "~/patients/register-patient.server";

export const handle = { i18n: ["patients"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "patient:write");
  const t = await i18next.getFixedT(request, "patients");
  return data({ title: `${t("register.title")} · ${member.hospital.name}`, hospitalSlug: member.hospital.slug, sexes: PATIENT_SEXES });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "patient:write");
  const parsed = parsePatientInput(await readFormData(request));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const patient = await member.tx((t) => registerPatient(t, parsed.input));
  return redirect(`/h/${member.hospital.slug}/patients/${patient.id}?registered=1`);
}

export default function RegisterPatient() {
  const { t } = useTranslation("patients");
  const { hospitalSlug, sexes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const listHref = `/h/${hospitalSlug}/patients`;
  return (
    <div className="patients-page patient-register">
      <p className="patient-back">
        <Link to={listHref}>{t("detail.back")}</Link>
      </p>
      <h1>{t("register.heading")}</h1>
      <p className="muted">{t("register.intro")}</p>
      {result?.errors ? (
        <div className="alert error" role="alert">
          {t("form.invalid")}
        </div>
      ) : null}
      <div className="panel">
        <PatientForm
          action={`${listHref}/new`}
          values={result?.values ?? EMPTY_PATIENT_FORM}
          errors={result?.errors}
          sexes={sexes}
          submitLabel={t("register.submit")}
          submittingLabel={t("register.submitting")}
          autoFocus
        >
          <Link to={listHref} className="button secondary">
            {t("register.cancel")}
          </Link>
        </PatientForm>
      </div>
    </div>
  );
}
