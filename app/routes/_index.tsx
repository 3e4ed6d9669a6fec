// The start page: signed-in people go to their hospitals; everyone else sees the two ways in, sign in or
// sign a hospital up (issue 7).
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { getOptionalUser } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { ButtonLink } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["signup", "auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, headers } = await getOptionalUser(request, context);
  if (user) throw redirect("/h", { headers });
  const common = await i18next.getFixedT(request, "common");
  return data({ title: common("appName") }, { headers });
}

export default function Landing() {
  const { t } = useTranslation(["signup", "auth", "common"]);
  return (
    <PageFrame brand={{ label: t("common:appName") }} className="auth-card">
      <div className="panel">
        <PageHeader title={t("common:appName")} intro={t("landing.ctaHint")} />
        <div className="form-actions">
          <ButtonLink to="/sign-up" variant="primary" data-testid="sign-up-cta">
            {t("landing.cta")}
          </ButtonLink>
          <ButtonLink to="/sign-in" variant="secondary">
            {t("auth:signIn.submit")}
          </ButtonLink>
        </div>
      </div>
    </PageFrame>
  );
}
