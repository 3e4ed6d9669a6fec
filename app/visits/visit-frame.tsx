// The frame of every visit page: who the patient is (with allergies, always in sight), where and when,
// and the tabs (visit-tabs.ts). Links, so it works without JavaScript.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/ui/page-header";
import type { VisitHeaderView } from "./visit-page.server";
import { chartPath, VISIT_TABS, visitPath, worklistPath } from "./visit-tabs";

export function VisitFrame({ slug, header, current, children }: { slug: string; header: VisitHeaderView; current: string; children: ReactNode }) {
  const { t } = useTranslation(["visit", "patients", "orders", "prescriptions"]);
  return (
    <div className="visit-page">
      <PageHeader
        back={{ to: worklistPath(slug), label: t("visit:header.back") }}
        title={
          <>
            {header.patientName} <span className="patient-mrn">{t("patients:fields.mrn")} {header.mrn}</span>
          </>
        }
        actions={<Link to={chartPath(slug, header.patientId)}>{t("visit:header.chart")}</Link>}
      />
      <dl className="visit-facts">
        <div>
          <dt>{t("visit:header.queue")}</dt>
          <dd>{header.queueNumber}</dd>
        </div>
        <div>
          <dt>{t("visit:header.sex")}</dt>
          <dd>
            {t(`patients:sex.${header.sex}`)}, {t("visit:header.age", { count: header.ageYears })}
          </dd>
        </div>
        <div>
          <dt>{t("visit:header.room")}</dt>
          <dd>{header.roomName}</dd>
        </div>
        <div>
          <dt>{t("visit:header.date")}</dt>
          <dd>{header.visitDate}</dd>
        </div>
        <div>
          <dt>{t("visit:header.payer")}</dt>
          <dd>{t(`visit:payer.${header.payer}`)}</dd>
        </div>
        <div>
          <dt>{t("visit:header.status")}</dt>
          <dd data-testid="visit-status">{t(`visit:status.${header.status}`)}</dd>
        </div>
        <div className={header.allergies.length > 0 ? "visit-allergies" : undefined}>
          <dt>{t("visit:header.allergies")}</dt>
          <dd>{header.allergies.length > 0 ? header.allergies.join(", ") : t("visit:header.noAllergies")}</dd>
        </div>
      </dl>
      <VisitTabs slug={slug} visitId={header.id} current={current} />
      <div className="visit-tab-body">{children}</div>
    </div>
  );
}

/** The visit's tabs alone, for pages that draw their own header (orders, prescription). */
export function VisitTabs({ slug, visitId, current }: { slug: string; visitId: string; current: string }) {
  const { t } = useTranslation(["visit", "orders", "prescriptions"]);
  return (
    <nav className="visit-tabs" aria-label={t("visit:tabs.label")}>
      <ul>
        {VISIT_TABS.map((tab) => (
          <li key={tab.key}>
            <Link to={visitPath(slug, visitId, tab.suffix)} aria-current={tab.key === current ? "page" : undefined}>
              {t(tab.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** "dd/MM/yyyy HH:mm" is done on the server; this shows a time only, for today's lists. */
export function timeOf(iso: string | Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hour12: false }).format(date);
}
