// The strip at the top of a visit's clinical pages: who, which visit, and whether it is signed.
import { useTranslation } from "react-i18next";
import type { Sex } from "~db/schema";
import { ageOn, formatVietnameseDate, formatVietnameseDateTime, todayInVietnam } from "~/patients/vietnam-date";
import { Banner } from "~/ui/banner";
import type { VisitHeader } from "./visit-header.server";

export type VisitBannerView = {
  patientName: string;
  mrn: string;
  age: { years: number; months: number };
  sex: Sex;
  visitDate: string;
  queueNumber: number;
  roomName: string;
  signedAt: string | null;
};

export function toVisitBannerView(visit: VisitHeader): VisitBannerView {
  return {
    patientName: visit.patient.fullName,
    mrn: visit.patient.mrn,
    age: ageOn(visit.patient.birthDate, todayInVietnam()),
    sex: visit.patient.sex,
    visitDate: formatVietnameseDate(visit.visitDate),
    queueNumber: visit.queueNumber,
    roomName: visit.roomName,
    signedAt: visit.signedAt ? formatVietnameseDateTime(visit.signedAt) : null,
  };
}

export function VisitBanner({ visit }: { visit: VisitBannerView }) {
  const { t } = useTranslation("orders");
  const age = visit.age.years >= 1 ? t("visit.age", { years: visit.age.years }) : t("visit.ageMonths", { months: visit.age.months });
  return (
    <>
      <dl className="visit-strip" aria-label={t("visit.patient")}>
        <div>
          <dt>{t("visit.patient")}</dt>
          <dd>
            <strong>{visit.patientName}</strong> · {t(`visit.sex.${visit.sex}`)} · {age}
          </dd>
        </div>
        <div>
          <dt>{t("visit.mrn")}</dt>
          <dd>{visit.mrn}</dd>
        </div>
        <div>
          <dt>{t("visit.visitDate")}</dt>
          <dd>{visit.visitDate}</dd>
        </div>
        <div>
          <dt>{t("visit.room")}</dt>
          <dd>
            {visit.roomName} · {t("visit.queue")} {visit.queueNumber}
          </dd>
        </div>
      </dl>
      {visit.signedAt ? <Banner tone="info">{t("visit.signed", { at: visit.signedAt })}</Banner> : null}
    </>
  );
}
