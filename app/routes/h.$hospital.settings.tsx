// /h/:hospital/settings: the settings area's frame, a navigation of its sections beside the section's
// page. The sections come from app/settings/sections.ts; the member sees only those their permissions
// open (each section's own loader checks its permission again: a single-fetch request may run it alone).
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { may, requireMember } from "~/auth/guards.server";
import { sectionsAllowed } from "~/settings/sections";

export const handle = { i18n: ["staff"] };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital);
  return data({
    base: `/h/${member.hospital.slug}/settings`,
    sections: sectionsAllowed((permission) => may(member, permission)).map(({ id, path, label }) => ({ id, path: path ?? null, label })),
  });
}

export default function SettingsLayout() {
  const { t } = useTranslation(["staff"]);
  const { base, sections } = useLoaderData<typeof loader>();
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
        <Outlet />
      </div>
    </div>
  );
}
