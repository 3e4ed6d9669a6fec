// /verify/:token: the link in the sign-up e-mail (issue 7). Public: the link itself is the proof. Using it
// marks the hospital verified, once, within 24 hours.
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { i18next } from "~/i18n/i18next.server";
import { verifyEmailToken } from "~/signup/verification.server";
import { Banner } from "~/ui/banner";
import { ButtonLink } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["signup"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await verifyEmailToken(params.token ?? "");
  const t = await i18next.getFixedT(request, "signup");
  return data({ title: t("verify.title"), ...result }, { status: result.ok ? 200 : 404 });
}

export default function Verify() {
  const { t } = useTranslation(["signup", "common"]);
  const result = useLoaderData<typeof loader>();
  return (
    <PageFrame brand={{ label: t("common:appName"), to: "/" }} className="auth-card">
      <div className="panel">
        <PageHeader title={t("verify.title")} />
        {result.ok ? (
          <>
            <Banner tone="ok" data-testid="verified">
              {t("verify.done")}
            </Banner>
            <ButtonLink to={`/h/${result.hospitalSlug}/setup`} variant="primary">
              {t("verify.toWizard")}
            </ButtonLink>
          </>
        ) : (
          <>
            <Banner tone="error">{t("verify.invalid")}</Banner>
            <ButtonLink to="/sign-in">{t("verify.toSignIn")}</ButtonLink>
          </>
        )}
      </div>
    </PageFrame>
  );
}
