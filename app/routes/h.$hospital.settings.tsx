// /h/:hospital/settings: the settings area's frame, a navigation of its sections beside the section's
// page. The sections come from app/settings/sections.ts; the member sees only those their permissions
// open (each section's own loader checks its permission again: a single-fetch request may run it alone).
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { may, requireMember } from "~/auth/guards.server";
import { sectionsAllowed } from "~/settings/sections";
import { countPendingGrants } from "~/support/grants.server";
import { Banner } from "~/ui/banner";

export const handle = { i18n: ["staff", "support"] };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital);
  return data({
    base: `/h/${member.hospital.slug}/settings`,
    sections: sectionsAllowed((permission) => may(member, permission)).map(({ id, path, label }) => ({ id, path: path ?? null, label })),
    // Support requests waiting for this hospital's decision (decision 059), for those who decide.
    pendingSupport: member.actor.kind === "user" && may(member, "staff:manage") ? await member.tx(countPendingGrants) : 0,
  });
}

export default function SettingsLayout() {
  const { t } = useTranslation(["staff", "support"]);
  const { base, sections, pendingSupport } = useLoaderData<typeof loader>();
  return (
    <div className="settings-layout">
      {sections.length > 0 ? (
        <nav className="settings-nav" aria-label={t("settings.navLabel")}>
          <p className="settings-nav-title">{t("settings.title")}</p>
          <ul>
            {sections.map((section) => (
              <li key={section.id}>
                {section.path ? (
                  <NavLink to={`${base}/${section.path}`}>{t(section.label)}</NavLink>
                ) : (
                  <span className="settings-nav-soon">
                    {t(section.label)} <span className="muted">({t("settings.soon")})</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div className="settings-page">
        {pendingSupport > 0 ? (
          <Banner tone="warn" data-testid="support-pending-notice">
            {t("support:hospital.pendingNotice", { count: pendingSupport })} <Link to={`${base}/support`}>{t("support:hospital.review")}</Link>
          </Banner>
        ) : null}
        <Outlet />
      </div>
    </div>
  );
}
