// /h/:hospital/setup: the set-up wizard's frame (issue 7): a progress bar, "Step N of 6", the list of
// steps with what is done, the e-mail verification notice, and the current step below (Outlet).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { Form, Link, Outlet, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { readFormData } from "~/server/read-form-data.server";
import { readSetupState } from "~/setup/setup-state.server";
import { SETUP_STEPS, setupPath } from "~/setup/steps";
import { resendVerification } from "~/signup/verification.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";

export const handle = { i18n: ["setup"] };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "settings:manage");
  const state = await readSetupState(member);
  return data({ hospitalSlug: member.hospital.slug, email: member.user.email, ...state });
}

/** Sends the verification link again (to the admin's own address; it is never shown on screen). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "settings:manage");
  await readFormData(request);
  await resendVerification(member.hospital, member.user, process.env.APP_ORIGIN || new URL(request.url).origin);
  const back = new URL(request.url).searchParams.get("from");
  const step = SETUP_STEPS.find((s) => s.segment === back)?.segment;
  return redirect(`${setupPath(member.hospital.slug, step)}?resent=1`);
}

export default function SetupLayout() {
  const { t } = useTranslation("setup");
  const { hospitalSlug, completed, verified, mailNotSent, email } = useLoaderData<typeof loader>();
  const location = useLocation();
  const [search] = useSearchParams();
  const segment = location.pathname.split("/").filter(Boolean)[3];
  const index = Math.max(0, SETUP_STEPS.findIndex((s) => s.segment === segment));
  const done = SETUP_STEPS.filter((s) => completed.includes(s.segment)).length;
  return (
    <div className="setup">
      <p className="setup-title">
        <strong>{t("wizard.title")}</strong> · <span data-testid="step-of">{t("wizard.stepOf", { n: index + 1, total: SETUP_STEPS.length })}</span>
      </p>
      <progress className="setup-progress" max={SETUP_STEPS.length} value={done} aria-label={t("wizard.progress")}>
        {done}/{SETUP_STEPS.length}
      </progress>
      <nav aria-label={t("wizard.stepsNav")}>
        <ol className="setup-steps">
          {SETUP_STEPS.map((step, i) => (
            <li key={step.segment} aria-current={i === index ? "step" : undefined}>
              <Link to={setupPath(hospitalSlug, step.segment)}>{t(step.titleKey)}</Link>{" "}
              <span className="hint">({completed.includes(step.segment) ? t("wizard.done") : i === index ? t("wizard.current") : t("wizard.todo")})</span>
            </li>
          ))}
        </ol>
      </nav>
      {search.has("resent") ? <Banner tone="ok">{t("wizard.resent", { email })}</Banner> : null}
      {!verified ? (
        <Banner tone="warn" data-testid="unverified">
          {t("wizard.unverified")} {mailNotSent ? t("wizard.mailNotSent", { email }) : null}
          <Form method="post" action={`${setupPath(hospitalSlug)}?from=${segment ?? ""}`}>
            <Button type="submit" variant="secondary">
              {t("wizard.resend")}
            </Button>
          </Form>
        </Banner>
      ) : null}
      <Outlet />
    </div>
  );
}
