// The hospital picker: the hospitals this person belongs to, each practice copy marked as one (decision
// 043). With exactly one real hospital, straight to its patients: its practice copy is reached from its
// top bar, so a practice copy never puts a picker in front of a one-hospital person.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { listMyHospitals } from "~/hospitals/list-my-hospitals.server";
import { i18next } from "~/i18n/i18next.server";
import { Banner } from "~/ui/banner";
import { PageHeader } from "~/ui/page-header";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["auth", "training"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const hospitals = await listMyHospitals(user.id);
  const real = hospitals.filter((h) => h.trainingOf === null);
  const [only] = real;
  if (only && real.length === 1) throw redirect(`/h/${only.slug}/patients`);
  const t = await i18next.getFixedT(request, "auth");
  const common = await i18next.getFixedT(request, "common");
  return data({
    title: `${t("hospitals.title")} · ${common("appName")}`,
    user: { displayName: user.displayName },
    hospitals: hospitals.map((h) => ({ slug: h.slug, name: h.name, practice: h.trainingOf !== null })),
  });
}

export default function HospitalPicker() {
  const { t } = useTranslation(["auth", "common", "training"]);
  const { user, hospitals } = useLoaderData<typeof loader>();
  return (
    <PageFrame brand={{ label: t("common:appName") }} userName={user.displayName} className="picker">
      <PageHeader title={t("hospitals.title")} intro={hospitals.length > 0 ? t("hospitals.intro") : undefined} />
      {hospitals.length === 0 ? (
        <Banner tone="error">{t("hospitals.none")}</Banner>
      ) : (
        <ul className="picker-list">
          {hospitals.map((hospital) => (
            <li key={hospital.slug} className={hospital.practice ? "picker-practice" : undefined}>
              <Link to={hospital.practice ? `/h/${hospital.slug}` : `/h/${hospital.slug}/patients`} className="picker-choice">
                <span className="picker-name">
                  {hospital.practice ? t("training:picker.practiceName", { name: hospital.name }) : hospital.name}
                </span>
                <span className="picker-address muted">{hospital.practice ? t("training:picker.openPractice") : t("hospitals.open")}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </PageFrame>
  );
}
