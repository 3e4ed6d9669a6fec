// /h/:hospital/setup/services: wizard step 5, services and prices from the template, edited in place or
// imported from CSV (the same editor as /settings/services).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ServicesEditor, StepFrame } from "~/templates/editors";
import { templatePageAction, templatePageLoader } from "~/templates/route-actions.server";
import { servicesAction, servicesData } from "~/templates/settings-pages.server";
import { SERVICE_CSV_MAX_BYTES } from "~/templates/service-csv.server";
import { TEMPLATE_SETUP_STEPS } from "~/templates/settings-sections";

export const handle = { i18n: ["templates", "settings"] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = async (args: LoaderFunctionArgs) => ({
  ...(await templatePageLoader(args, "services.title", servicesData)),
  maxBytes: SERVICE_CSV_MAX_BYTES,
});
export const action = (args: ActionFunctionArgs) => templatePageAction(args, servicesAction);

export default function SetupServices() {
  const { t } = useTranslation("templates");
  const { hospitalSlug, content, maxBytes } = useLoaderData<typeof loader>();
  const step = TEMPLATE_SETUP_STEPS.services;
  return (
    <StepFrame step={step.step} title={t("services.title")} intro={t("services.intro")} back={`/h/${hospitalSlug}/${step.back}`} next={`/h/${hospitalSlug}/${step.next}`}>
      <ServicesEditor services={content} maxBytes={maxBytes} />
    </StepFrame>
  );
}
