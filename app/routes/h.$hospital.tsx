// The layout of every hospital page (/h/:hospital/...): the door. Only members get past requireMember;
// anyone else gets the same 404 as for a hospital that does not exist. The top bar names the hospital
// and the person, and holds the language switch and sign-out. Pages render inside <main>, so they
// should not add their own.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { may, requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { firstSettingsPath } from "~/settings/sections";
import { formatVietnamShort } from "~/support/format-time";
import { Banner } from "~/ui/banner";
import { ErrorPage, errorPageTitle, type ErrorTitles } from "~/ui/error-page";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["auth", "staff", "training", "support"] };

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  if (!error) return [{ title: data?.title ?? "" }];
  const root = matches.find((m) => m.id === "root")?.data as { errorTitles?: ErrorTitles } | undefined;
  return [{ title: errorPageTitle(error, root?.errorTitles, data?.hospital.name) }];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital);
  const common = await i18next.getFixedT(request, "common");
  return data({
    title: `${member.hospital.name} · ${common("appName")}`,
    hospital: { slug: member.hospital.slug, name: member.hospital.name },
    user: { displayName: member.user.displayName },
    // A staff member under a support grant (decision 059): the banner on every page, error pages included.
    support: member.support ? { staffName: member.support.staffName, until: formatVietnamShort(member.support.until) } : null,
    // The "choose hospital" link only helps people who work in more than one.
    worksInSeveralHospitals: member.hospitalCount > 1,
    readOnly: member.hospital.status === "read_only",
    // The workspaces a member's permissions open: the wizard while onboarding, reception, the clinical
    // worklist, the lab's.
    links: {
      setup: member.hospital.status === "onboarding" && may(member, "settings:manage"),
      reception: may(member, "visit:register"),
      worklist: may(member, "vitals:write") || may(member, "note:write"),
      lab: may(member, "result:write"),
    },
    // Settings only for those who may open a section of it (app/settings/sections.ts).
    settingsPath: firstSettingsPath(member.hospital.slug, (permission) => may(member, permission)) ? `/h/${member.hospital.slug}/settings` : null,
    // A practice copy (decision 043): its colour and banner on every page, and the way back.
    practice: member.hospital.trainingOf ? { realSlug: member.hospital.trainingOfSlug } : null,
    // In a real hospital: the person's way into its practice copy, and the admin's page about it.
    practiceSlug: member.hospital.trainingOf ? null : member.hospital.practiceSlug,
    managesTraining: !member.hospital.trainingOf && may(member, "settings:manage"),
  });
}

export default function HospitalLayout() {
  const { t } = useTranslation(["common", "auth"]);
  const { readOnly } = useLoaderData<typeof loader>();
  return (
    <HospitalFrame>
      {readOnly ? (
        <Banner tone="warn" data-testid="read-only-banner">
          {t("auth:hospital.readOnly")}
        </Banner>
      ) : null}
      <Outlet />
    </HospitalFrame>
  );
}

/** The hospital's top bar around a page; a plain one when the layout itself failed (not a member). */
function HospitalFrame({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation(["common", "auth", "staff", "training", "support"]);
  const layout = useRouteLoaderData<typeof loader>("routes/h.$hospital");
  if (!layout) return <PageFrame brand={{ label: t("appName"), to: "/" }}>{children}</PageFrame>;
  const { hospital, user, worksInSeveralHospitals, settingsPath, practice, practiceSlug, managesTraining, links, support } = layout;
  const frame = (
    <PageFrame
      brand={{ label: practice ? t("training:picker.practiceName", { name: hospital.name }) : hospital.name, to: `/h/${hospital.slug}/patients` }}
      // Under support access the hospital sign-out means nothing: the banner leads back to the console.
      userName={support ? undefined : user.displayName}
      nav={
        <>
          {links.setup ? <NavLink to={`/h/${hospital.slug}/setup`}>{t("nav.setup")}</NavLink> : null}
          {links.reception ? <NavLink to={`/h/${hospital.slug}/reception`}>{t("nav.reception")}</NavLink> : null}
          {links.worklist ? <NavLink to={`/h/${hospital.slug}/worklist`}>{t("nav.worklist")}</NavLink> : null}
          {links.lab ? <NavLink to={`/h/${hospital.slug}/lab`}>{t("nav.lab")}</NavLink> : null}
          <NavLink to={`/h/${hospital.slug}/patients`}>{t("nav.patients")}</NavLink>
          {settingsPath ? <NavLink to={settingsPath}>{t("staff:settings.title")}</NavLink> : null}
          {managesTraining ? <NavLink to={`/h/${hospital.slug}/training`}>{t("training:nav.training")}</NavLink> : null}
          {practiceSlug ? <Link to={`/h/${practiceSlug}`}>{t("training:nav.practice")}</Link> : null}
          {worksInSeveralHospitals ? <Link to="/h">{t("nav.hospitals")}</Link> : null}
        </>
      }
    >
      {support ? (
        // Support access (decision 059): sticky at the top of the screen, never dismissible, on every page
        // of the hospital, error pages included.
        <aside className="support-banner" aria-label={t("support:banner.label")} data-testid="support-banner">
          <strong>{t("support:banner.text", { name: support.staffName, time: support.until })}</strong> <span>{t("support:banner.detail")}</span>{" "}
          <a href="/admin/support">{t("support:banner.back")}</a>
        </aside>
      ) : null}
      {practice ? (
        // Never dismissible: it is part of every page of the copy, error pages included.
        <Banner tone="warn" className="practice-banner" data-testid="practice-banner">
          <strong>{t("training:banner.title")}.</strong> {t("training:banner.text", { hospital: hospital.name })}{" "}
          <Link to={`/h/${hospital.slug}`}>{t("training:banner.tasks")}</Link>
          {practice.realSlug ? (
            <>
              {" · "}
              <Link to={`/h/${practice.realSlug}/patients`}>{t("training:banner.backToReal")}</Link>
            </>
          ) : null}
        </Banner>
      ) : null}
      {children}
    </PageFrame>
  );
  if (support) return <div className="support-mode">{frame}</div>;
  return practice ? <div className="practice-mode">{frame}</div> : frame;
}

/** A missing record or a refused action inside a hospital keeps the hospital's top bar. */
export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<{ requestId?: string }>("root");
  const layout = useRouteLoaderData<typeof loader>("routes/h.$hospital");
  return (
    <HospitalFrame>
      <ErrorPage error={error} requestId={root?.requestId} framed home={layout ? `/h/${layout.hospital.slug}/patients` : "/"} />
    </HospitalFrame>
  );
}
