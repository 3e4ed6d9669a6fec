// The layout of every hospital page (/h/:hospital/...): the door. Only members get past requireMember;
// anyone else gets the same 404 as for a hospital that does not exist. The top bar names the hospital
// and the person, and holds the language switch and sign-out. Pages render inside <main>, so they
// should not add their own.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch, SignOutButton } from "~/auth/account-controls";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";

export const handle = { i18n: ["auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital);
  const common = await i18next.getFixedT(request, "common");
  return data({
    title: `${member.hospital.name} · ${common("appName")}`,
    hospital: { slug: member.hospital.slug, name: member.hospital.name },
    user: { displayName: member.user.displayName },
    // The "choose hospital" link only helps people who work in more than one.
    worksInSeveralHospitals: member.hospitalCount > 1,
    readOnly: member.hospital.status !== "active",
  });
}

export default function HospitalLayout() {
  const { t } = useTranslation(["common", "auth"]);
  const { hospital, user, worksInSeveralHospitals, readOnly } = useLoaderData<typeof loader>();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="topbar">
        <Link className="brand" to={`/h/${hospital.slug}/patients`}>
          {hospital.name}
        </Link>
        <nav aria-label={t("auth:topBar.navLabel")}>
          <NavLink to={`/h/${hospital.slug}/patients`}>{t("nav.patients")}</NavLink>
        </nav>
        {worksInSeveralHospitals ? <Link to="/h">{t("nav.hospitals")}</Link> : null}
        <span className="spacer" />
        <span>{t("auth:topBar.signedInAs", { name: user.displayName })}</span>
        <LanguageSwitch />
        <SignOutButton />
      </header>
      <main id="main" tabIndex={-1}>
        {readOnly ? (
          <p className="alert warn" role="status" data-testid="read-only-banner">
            {t("auth:hospital.readOnly")}
          </p>
        ) : null}
        <Outlet />
      </main>
    </>
  );
}
