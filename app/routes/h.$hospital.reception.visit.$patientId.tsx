// /h/:hospital/reception/visit/:patientId: start a visit right after registering or finding a patient
// (issue 8). Reception chooses the clinic room and insurance or self-pay; the patient gets the room's
// next queue number for today, and the page goes on to the visit slip, ready to print.
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFoundInHospital, requireMember } from "~/auth/guards.server";
import { readFormData } from "~/server/read-form-data.server";
import { i18next } from "~/i18n/i18next.server";
import { refuseForm } from "~/lib/form.server";
import { getPatient } from "~/patients/get-patient.server";
import { formatBirthDate, formatVietnameseDate, todayInVietnam } from "~/patients/vietnam-date";
import { insuranceValidOn } from "~/reception/insurance-card";
import receptionStyles from "~/reception/reception.css?url";
import { parseVisitInput, VISIT_MESSAGES, type VisitMessageKey } from "~/reception/visit-input";
import { listVisitRooms, startVisit, type StartVisitProblem } from "~/reception/visits.server";
import { Banner } from "~/ui/banner";
import { Button, ButtonLink } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { ErrorSummary } from "~/ui/error-summary";
import { ChoiceField, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["patients", "reception"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: receptionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const FORM_ID = "visit";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "visit:register");
  const found = await member.tx(async (t) => {
    const patient = await getPatient(t, params.patientId ?? "");
    return patient ? { patient, rooms: await listVisitRooms(t) } : null;
  });
  if (!found) throw await notFoundInHospital(request, member);
  const { patient, rooms } = found;
  const flags = new URL(request.url).searchParams;
  const today = todayInVietnam();
  const insured = patient.insuranceNumber !== null;
  const insuranceValid = insured && insuranceValidOn({ validFrom: patient.insuranceValidFrom, validTo: patient.insuranceValidTo }, today);
  const t = await i18next.getFixedT(request, "reception");
  return data({
    title: `${t("visit.title")} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    patient: {
      id: patient.id,
      mrn: patient.mrn,
      fullName: patient.fullName,
      birthDate: formatBirthDate(patient.birthDate, patient.birthDatePrecision),
      sex: patient.sex,
      citizenId: patient.citizenId,
      insurance: insured
        ? {
            number: patient.insuranceNumber!,
            from: patient.insuranceValidFrom ? formatVietnameseDate(patient.insuranceValidFrom) : "",
            to: patient.insuranceValidTo ? formatVietnameseDate(patient.insuranceValidTo) : "",
            valid: insuranceValid,
          }
        : null,
    },
    rooms: rooms.map((room) => ({ value: room.id, label: `${room.code} · ${room.name}` })),
    defaultPayer: insuranceValid ? "insurance" : "self_pay",
    registered: flags.has("registered"),
    found: flags.has("found"),
  });
}

const PROBLEM_FIELD: Record<Exclude<StartVisitProblem, "patientNotFound">, { field: "roomId" | "payer"; message: VisitMessageKey }> = {
  roomUnknown: { field: "roomId", message: VISIT_MESSAGES.roomUnknown },
  insuranceMissing: { field: "payer", message: VISIT_MESSAGES.insuranceMissing },
  insuranceNotValid: { field: "payer", message: VISIT_MESSAGES.insuranceNotValid },
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "visit:register");
  const parsed = parseVisitInput(await readFormData(request));
  if (!parsed.ok) return refuseForm(parsed);
  const result = await member.tx((t) => startVisit(t, { patientId: params.patientId ?? "", ...parsed.data }));
  if (!result.ok) {
    if (result.problem === "patientNotFound") throw await notFoundInHospital(request, member);
    const { field, message } = PROBLEM_FIELD[result.problem];
    return refuseForm({ ok: false as const, values: parsed.values, errors: { [field]: message }, formError: null });
  }
  return redirect(`/h/${member.hospital.slug}/reception/slip/${result.visit.id}?started=1`);
}

export default function StartVisit() {
  const { t } = useTranslation(["reception", "patients"]);
  const loaded = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const { patient, hospitalSlug: slug } = loaded;
  const formAction = `/h/${slug}/reception/visit/${patient.id}`;
  const submitting = navigation.state === "submitting" && navigation.formAction === formAction;
  const errors = (failure?.errors ?? {}) as Partial<Record<"roomId" | "payer", VisitMessageKey>>;
  const values = failure?.values ?? { roomId: loaded.rooms.length === 1 ? loaded.rooms[0]!.value : "", payer: loaded.defaultPayer };
  const error = (field: "roomId" | "payer") => (errors[field] ? t(errors[field]!) : undefined);
  return (
    <div className="visit-start">
      <PageHeader back={{ to: `/h/${slug}/reception`, label: t("home.back") }} title={t("visit.heading")} />
      {loaded.registered && !failure ? (
        <Banner tone="ok" focus data-testid="registered-banner">
          {t("visit.registered", { mrn: patient.mrn })}
        </Banner>
      ) : loaded.found && !failure ? (
        <Banner tone="info" focus data-testid="found-banner">
          {t("visit.found")}
        </Banner>
      ) : null}
      <div className="panel">
        <h2>{t("visit.patient")}</h2>
        <dl>
          <dt>{t("patients:fields.fullName")}</dt>
          <dd data-testid="visit-patient-name">{patient.fullName}</dd>
          <dt>{t("patients:fields.mrn")}</dt>
          <dd>{patient.mrn}</dd>
          <dt>{t("patients:fields.birthDate")}</dt>
          <dd>{patient.birthDate}</dd>
          <dt>{t("patients:fields.sex")}</dt>
          <dd>{t(`patients:sex.${patient.sex}`)}</dd>
          <dt>{t("visit.citizenId")}</dt>
          <dd>{patient.citizenId ?? t("visit.none")}</dd>
          <dt>{t("visit.insurance")}</dt>
          <dd>
            {patient.insurance
              ? t(patient.insurance.valid ? "visit.insuranceValid" : "visit.insuranceExpired", {
                  number: patient.insurance.number,
                  from: patient.insurance.from,
                  to: patient.insurance.to,
                })
              : t("visit.none")}
          </dd>
        </dl>
        {loaded.rooms.length === 0 ? (
          <EmptyState title={t("visit.noRooms")} hint={t("visit.noRoomsHint")} />
        ) : (
          <Form method="post" action={formAction} noValidate>
            <ErrorSummary
              items={(["roomId", "payer"] as const).flatMap((field) =>
                errors[field] ? [{ fieldId: fieldIds(FORM_ID, field).input, message: t(errors[field]!) }] : [],
              )}
            />
            <ChoiceField
              prefix={FORM_ID}
              name="roomId"
              label={t("visit.room")}
              hint={t("visit.roomHint")}
              error={error("roomId")}
              required
              defaultValue={values.roomId}
              choices={loaded.rooms}
            />
            <ChoiceField
              prefix={FORM_ID}
              name="payer"
              label={t("visit.payer")}
              error={error("payer")}
              required
              defaultValue={values.payer}
              choices={[
                { value: "insurance", label: t("payer.insurance") },
                { value: "self_pay", label: t("payer.self_pay") },
              ]}
            />
            <div className="form-actions">
              <Button type="submit" disabled={submitting}>
                {submitting ? t("visit.submitting") : t("visit.submit")}
              </Button>
              <ButtonLink to={`/h/${slug}/patients/${patient.id}`} variant="secondary">
                {t("visit.openRecord")}
              </ButtonLink>
            </div>
          </Form>
        )}
      </div>
    </div>
  );
}
