// /h/:hospital/patients/new: register a patient at reception. The record number is assigned on save.
// Find before you create (issue 8): likely duplicates are shown before a new record is made, and a new
// one needs a deliberate second submit ("create anyway"). A scan of the chip ID card (typed into the
// name field, or arriving as ?scan= from the reception search box) opens the patient who already has
// that citizen ID, or fills the form in.
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { may, requireMember, type Membership } from "~/auth/guards.server";
import { readFormData } from "~/server/read-form-data.server";
import { i18next } from "~/i18n/i18next.server";
import { PatientForm, PATIENT_FORM_INTENTS } from "~/patients/patient-form";
import { EMPTY_PATIENT_FORM } from "~/patients/patient-fields";
import { parsePatientInput, PATIENT_SEXES } from "~/patients/patient-input";
import { registerPatient } from "~/patients/register-patient.server";
import { formatBirthDate } from "~/patients/vietnam-date";
import { findLikelyDuplicates, findPatientByCitizenId, type LikelyDuplicate } from "~/reception/find-duplicates.server";
import { parseIdCardScan } from "~/reception/id-card-qr";
import { communeChoices, patientFormRefill } from "~/reception/patient-form-intent.server";
import receptionStyles from "~/reception/reception.css?url";
import { scanFormValues } from "~/reception/scan-prefill.server";
import { refuseForm } from "~/lib/form.server";
import { Banner } from "~/ui/banner";
import { Button, ButtonLink } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["patients", "reception"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: receptionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** Where a found or new patient goes next: starting a visit when this person may, else the record. */
function nextStepFor(member: Membership, patientId: string, flag: string): string {
  const slug = member.hospital.slug;
  return may(member, "visit:register") ? `/h/${slug}/reception/visit/${patientId}?${flag}=1` : `/h/${slug}/patients/${patientId}?${flag}=1`;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "patient:write");
  const t = await i18next.getFixedT(request, "patients");
  const scan = parseIdCardScan(new URL(request.url).searchParams.get("scan") ?? "");
  let values = EMPTY_PATIENT_FORM;
  if (scan) {
    const existing = await member.tx((tx) => findPatientByCitizenId(tx, scan.citizenId));
    if (existing) throw redirect(nextStepFor(member, existing.id, "found"));
    values = scanFormValues(scan);
  }
  return data({
    title: `${t("register.title")} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    sexes: PATIENT_SEXES,
    values,
    communes: communeChoices(values.provinceCode),
    scanned: scan !== null,
    nextStep: may(member, "visit:register") ? ("visit" as const) : ("record" as const),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "patient:write");
  const form = await readFormData(request);
  const refill = patientFormRefill(form);
  if (refill) {
    if (refill.citizenId) {
      const existing = await member.tx((t) => findPatientByCitizenId(t, refill.citizenId!));
      if (existing) return redirect(nextStepFor(member, existing.id, "found"));
    }
    return data({ ok: false as const, values: refill.values, errors: {}, formError: null, communes: refill.communes, refill: refill.refill, duplicates: [] as LikelyDuplicate[] });
  }
  const parsed = parsePatientInput(form);
  const communes = communeChoices(parsed.values.provinceCode);
  if (!parsed.ok) return refuseForm({ ...parsed, communes, refill: null, duplicates: [] as LikelyDuplicate[] });
  const createAnyway = form.get("intent") === PATIENT_FORM_INTENTS.createAnyway;
  const patient = await member.tx(async (t) => {
    if (!createAnyway) {
      const duplicates = await findLikelyDuplicates(t, parsed.data);
      if (duplicates.length > 0) return { duplicates };
    }
    return { registered: await registerPatient(t, parsed.data) };
  });
  if ("duplicates" in patient) {
    return data({ ok: false as const, values: parsed.values, errors: {}, formError: null, communes, refill: null, duplicates: patient.duplicates });
  }
  return redirect(nextStepFor(member, patient.registered.id, "registered"));
}

export default function RegisterPatient() {
  const { t } = useTranslation(["patients", "reception"]);
  const loaded = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const listHref = `/h/${loaded.hospitalSlug}/reception`;
  const duplicates = failure?.duplicates ?? [];
  const scanned = loaded.scanned || failure?.refill === "scan";
  return (
    <div className="patient-register">
      <PageHeader back={{ to: listHref, label: t("reception:home.back") }} title={t("register.heading")} intro={t("register.intro")} />
      {scanned && duplicates.length === 0 ? (
        <Banner tone="info" data-testid="scan-banner">
          {t("reception:scan.filled")}
        </Banner>
      ) : null}
      <div className="panel">
        <PatientForm
          action={`/h/${loaded.hospitalSlug}/patients/new`}
          values={failure?.values ?? loaded.values}
          errors={failure?.errors}
          communes={failure?.communes ?? loaded.communes}
          sexes={loaded.sexes}
          submitLabel={t("register.submit")}
          submittingLabel={t("register.submitting")}
          autoFocus
          notice={
            duplicates.length > 0 ? (
              <DuplicatesNotice duplicates={duplicates} hospitalSlug={loaded.hospitalSlug} nextStep={loaded.nextStep} />
            ) : null
          }
        >
          <ButtonLink to={listHref} variant="secondary">
            {t("register.cancel")}
          </ButtonLink>
        </PatientForm>
      </div>
    </div>
  );
}

function DuplicatesNotice({ duplicates, hospitalSlug, nextStep }: { duplicates: LikelyDuplicate[]; hospitalSlug: string; nextStep: "visit" | "record" }) {
  const { t } = useTranslation(["reception", "patients"]);
  return (
    <Banner tone="warn" focus className="duplicates" data-testid="duplicates">
      <h2 className="duplicates-title">{t("reception:duplicates.title", { count: duplicates.length })}</h2>
      <p>{t("reception:duplicates.intro")}</p>
      <ul className="duplicates-list">
        {duplicates.map((patient) => (
          <li key={patient.id}>
            <strong>{patient.fullName}</strong> · {t("patients:fields.mrn")} {patient.mrn} · {formatBirthDate(patient.birthDate)} ·{" "}
            {t(`patients:sex.${patient.sex}`)}
            <br />
            <span className="hint">
              {t("reception:duplicates.because")} {patient.reasons.map((reason) => t(`reception:duplicates.reason.${reason}`)).join(", ")}
            </span>{" "}
            <Link
              className="button secondary"
              to={nextStep === "visit" ? `/h/${hospitalSlug}/reception/visit/${patient.id}?found=1` : `/h/${hospitalSlug}/patients/${patient.id}`}
            >
              {t("reception:duplicates.thisOne")}
            </Link>
          </li>
        ))}
      </ul>
      <p>{t("reception:duplicates.otherwise")}</p>
      <Button type="submit" name="intent" value={PATIENT_FORM_INTENTS.createAnyway} variant="secondary" data-testid="create-anyway">
        {t("reception:duplicates.createAnyway")}
      </Button>
    </Banner>
  );
}
