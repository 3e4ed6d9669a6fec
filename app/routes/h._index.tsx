// The hospital picker: the hospitals this person belongs to. With exactly one, straight to its patients.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { listMyHospitals } from "~/hospitals/list-my-hospitals.server";
import { i18next } from "~/i18n/i18next.server";
import { Banner } from "~/ui/banner";
import { PageHeader } from "~/ui/page-header";
import { PageFrame } from "~/ui/top-bar";

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
    <PageFrame brand={{ label: t("common:appName") }} userName={user.displayName} className="picker">
      <PageHeader title={t("hospitals.title")} intro={hospitals.length > 0 ? t("hospitals.intro") : undefined} />
      {hospitals.length === 0 ? (
        <Banner tone="error">{t("hospitals.none")}</Banner>
      ) : (
        <ul className="picker-list">
          {hospitals.map((hospital) => (
            <li key={hospital.slug}>
              <Link to={`/h/${hospital.slug}/patients`} className="picker-choice">
                <span className="picker-name">{hospital.name}</span>
                <span className="picker-address muted">{t("hospitals.open")}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </PageFrame>
  );
}
