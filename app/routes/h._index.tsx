// The hospital picker: the hospitals this person belongs to. With exactly one, straight to its patients.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch, SignOutButton } from "~/auth/account-controls";
import { requireUser } from "~/auth/guards.server";
import { listMyHospitals } from "~/hospitals/list-my-hospitals.server";
import { i18next } from "~/i18n/i18next.server";

export const handle = { i18n: ["auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const hospitals = await listMyHospitals(user.id);
  const [only] = hospitals;
  if (only && hospitals.length === 1) throw redirect(`/h/${only.slug}/patients`);
  const t = await i18next.getFixedT(request, "auth");
  const common = await i18next.getFixedT(request, "common");
  return data({
    title: `${t("hospitals.title")} · ${common("appName")}`,
    user: { displayName: user.displayName },
    hospitals: hospitals.map((h) => ({ slug: h.slug, name: h.name })),
  });
}

export default function HospitalPicker() {
  const { t } = useTranslation(["auth", "common"]);
  const { user, hospitals } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="topbar">
        <span className="brand">{t("common:appName")}</span>
        <span className="spacer" />
        <span>{t("topBar.signedInAs", { name: user.displayName })}</span>
        <LanguageSwitch />
        <SignOutButton />
      </header>
      <main id="main" className="auth-card">
        <div className="panel">
          <h1>{t("hospitals.title")}</h1>
          {hospitals.length === 0 ? (
            <p className="alert error" role="alert">
              {t("hospitals.none")}
            </p>
          ) : (
            <>
              <p className="muted">{t("hospitals.intro")}</p>
              <ul>
                {hospitals.map((hospital) => (
                  <li key={hospital.slug}>
                    <Link to={`/h/${hospital.slug}/patients`}>{hospital.name}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </main>
    </>
  );
}
