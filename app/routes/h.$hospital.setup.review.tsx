// /h/:hospital/setup/review: wizard step 6, the checklist and Go live (decision 034).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { readFormData } from "~/server/read-form-data.server";
import { isHospitalVerified } from "~/signup/verification.server";
import { goLive, readReadiness } from "~/setup/wizard.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["setup"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const ITEMS = ["profile", "template", "departments", "staff", "services", "verified"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "settings:manage");
  const readiness = await member.tx((t) => readReadiness(t));
  const verified = await isHospitalVerified(member.hospital.id);
  const t = await i18next.getFixedT(request, "setup");
  return data({ title: `${t("review.title")} · ${member.hospital.name}`, items: { ...readiness, verified }, live: member.hospital.status !== "onboarding" });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "settings:manage");
  await readFormData(request);
  const result = await member.tx((t) => goLive(t));
  if (result === "ok" || result === "not-onboarding") return redirect(`/h/${member.hospital.slug}`);
  return data({ refused: result }, { status: 409 });
}

export default function SetupReview() {
  const { t } = useTranslation("setup");
  const { items, live } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <section className="panel">
      <PageHeader title={t("review.title")} intro={t("review.intro")} />
      {answer?.refused === "unverified" ? (
        <Banner tone="error" focus data-testid="go-live-refused">
          {t("review.unverified")}
        </Banner>
      ) : null}
      <h2>{t("review.checklist")}</h2>
      <ul className="setup-checklist" data-testid="checklist">
        {ITEMS.map((item) => (
          <li key={item}>
            {items[item] ? "✓" : "○"} {t(`review.items.${item}`)}: <strong>{items[item] ? t("review.ready") : t("review.notReady")}</strong>
          </li>
        ))}
      </ul>
      {live ? (
        <Banner tone="ok">{t("review.alreadyLive")}</Banner>
      ) : (
        <Form method="post">
          <div className="form-actions">
            <Button type="submit">{t("review.goLive")}</Button>
          </div>
        </Form>
      )}
    </section>
  );
}
