// /h/:hospital/setup/template: wizard step 2, choose a template with a preview of what it creates, and
// apply it (one transaction, idempotent; decision 040).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TemplateChooser, StepFrame } from "~/templates/editors";
import { templatePageAction, templatePageLoader } from "~/templates/route-actions.server";
import { templateChoiceAction, templateChoiceData } from "~/templates/settings-pages.server";
import { TEMPLATE_SETUP_STEPS } from "~/templates/settings-sections";

export const handle = { i18n: ["templates", "settings"] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = (args: LoaderFunctionArgs) => templatePageLoader(args, "choose.title", templateChoiceData);
export const action = (args: ActionFunctionArgs) => templatePageAction(args, templateChoiceAction);

export default function ChooseTemplate() {
  const { t } = useTranslation("templates");
  const { hospitalSlug, content } = useLoaderData<typeof loader>();
  const step = TEMPLATE_SETUP_STEPS.template;
  return (
    <StepFrame step={step.step} title={t("choose.title")} intro={t("choose.intro")} back={`/h/${hospitalSlug}/${step.back}`} next={`/h/${hospitalSlug}/${step.next}`}>
      <TemplateChooser templates={content.templates} applied={content.applied} />
    </StepFrame>
  );
}
