// /h/:hospital/reception/slip/:visitId: the visit slip, laid out for an A5 sheet (slip.css). The page
// prints from the browser; only the slip itself prints. Like every printout it says it is a paper copy
// of the electronic record, with the hospital, a lookup code, the time and who printed it (issue 8).
// Opening it is an audited read of the visit.
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFoundInHospital, requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { formatBirthDate, formatVietnameseDateTime } from "~/patients/vietnam-date";
import slipStyles from "~/reception/slip.css?url";
import { getVisitSlip } from "~/reception/visits.server";
import { Banner } from "~/ui/banner";
import { Button, ButtonLink } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["patients", "reception"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: slipStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** A short code printed on paper to find the visit again: the first 8 characters of its id. */
function visitLookupCode(id: string): string {
  return id.replace(/-/g, "").slice(0, 8).toUpperCase();
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "visit:read");
  const slip = await member.tx((t) => getVisitSlip(t, params.visitId ?? ""));
  if (!slip) throw await notFoundInHospital(request, member);
  const t = await i18next.getFixedT(request, "reception");
  return data({
    title: `${t("slip.title", { number: slip.queueNumber })} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    hospitalName: member.hospital.name,
    printedBy: member.user.displayName,
    printedAt: formatVietnameseDateTime(new Date()),
    started: new URL(request.url).searchParams.has("started"),
    slip: {
      queueNumber: slip.queueNumber,
      room: `${slip.room.code} · ${slip.room.name}`,
      payer: slip.payer,
      time: formatVietnameseDateTime(slip.createdAt),
      lookup: visitLookupCode(slip.id),
      patient: {
        fullName: slip.patient.fullName,
        mrn: slip.patient.mrn,
        birthDate: formatBirthDate(slip.patient.birthDate, slip.patient.birthDatePrecision),
        sex: slip.patient.sex,
        insuranceNumber: slip.patient.insuranceNumber,
      },
    },
  });
}

export default function VisitSlip() {
  const { t } = useTranslation(["reception", "patients"]);
  const loaded = useLoaderData<typeof loader>();
  const { slip } = loaded;
  return (
    <div className="slip-page">
      <PageHeader back={{ to: `/h/${loaded.hospitalSlug}/reception`, label: t("slip.back") }} title={t("slip.title", { number: slip.queueNumber })} />
      {loaded.started ? (
        <Banner tone="ok" focus data-testid="started-banner">
          {t("slip.started", { number: slip.queueNumber, name: slip.patient.fullName })}
        </Banner>
      ) : null}
      <article className="slip" data-testid="visit-slip" aria-labelledby="slip-heading">
        <p className="slip-hospital">{loaded.hospitalName}</p>
        <h2 className="slip-heading" id="slip-heading">
          {t("slip.heading")}
        </h2>
        <p className="slip-queue">
          {t("slip.queue")}
          <strong data-testid="slip-queue-number">{slip.queueNumber}</strong>
        </p>
        <dl>
          <dt>{t("slip.room")}</dt>
          <dd>{slip.room}</dd>
          <dt>{t("slip.patient")}</dt>
          <dd>{slip.patient.fullName}</dd>
          <dt>{t("slip.mrn")}</dt>
          <dd>{slip.patient.mrn}</dd>
          <dt>{t("slip.birthDate")}</dt>
          <dd>{slip.patient.birthDate}</dd>
          <dt>{t("slip.sex")}</dt>
          <dd>{t(`patients:sex.${slip.patient.sex}`)}</dd>
          <dt>{t("slip.payer")}</dt>
          <dd>
            {t(`payer.${slip.payer}`)}
            {slip.payer === "insurance" && slip.patient.insuranceNumber ? ` · ${slip.patient.insuranceNumber}` : ""}
          </dd>
          <dt>{t("slip.time")}</dt>
          <dd>{slip.time}</dd>
        </dl>
        <footer className="slip-foot">
          <p>{t("slip.paperCopy")}</p>
          <p>
            {t("slip.lookup", { code: slip.lookup })} · {t("slip.printedAt", { time: loaded.printedAt })} · {loaded.printedBy}
          </p>
        </footer>
      </article>
      <div className="slip-actions">
        {/* Printing needs the browser's print dialog; without JavaScript, the browser's own Print does the same. */}
        <Button type="button" onClick={() => window.print()}>
          {t("slip.print")}
        </Button>
        <ButtonLink to={`/h/${loaded.hospitalSlug}/reception`} variant="secondary">
          {t("slip.back")}
        </ButtonLink>
      </div>
    </div>
  );
}
