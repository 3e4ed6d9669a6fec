// /h/:hospital/patients/new: register a patient at reception. The record number is assigned on save.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { readFormData } from "~/server/read-form-data.server";
import { i18next } from "~/i18n/i18next.server";
import { PatientForm } from "~/patients/patient-form";
import { EMPTY_PATIENT_FORM } from "~/patients/patient-fields";
import { parsePatientInput, PATIENT_SEXES } from "~/patients/patient-input";
import { registerPatient } from "~/patients/register-patient.server";
import { refuseForm } from "~/lib/form.server";
import { ButtonLink } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";

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
  if (!parsed.ok) return refuseForm(parsed);
  const patient = await member.tx((t) => registerPatient(t, parsed.data));
  return redirect(`/h/${member.hospital.slug}/patients/${patient.id}?registered=1`);
}

export default function RegisterPatient() {
  const { t } = useTranslation("patients");
  const { hospitalSlug, sexes } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const listHref = `/h/${hospitalSlug}/patients`;
  return (
    <div className="patient-register">
      <PageHeader back={{ to: listHref, label: t("detail.back") }} title={t("register.heading")} intro={t("register.intro")} />
      <div className="panel">
        <PatientForm
          action={`${listHref}/new`}
          values={failure?.values ?? EMPTY_PATIENT_FORM}
          errors={failure?.errors}
          sexes={sexes}
          submitLabel={t("register.submit")}
          submittingLabel={t("register.submitting")}
          autoFocus
        >
          <ButtonLink to={listHref} variant="secondary">
            {t("register.cancel")}
          </ButtonLink>
        </PatientForm>
      </div>
    </div>
  );
}
