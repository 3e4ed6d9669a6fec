// /h/:hospital/setup/departments: wizard step 3, departments, rooms and beds from the template, edited in
// place (the same editor as /settings/departments).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DepartmentsEditor, StepFrame } from "~/templates/editors";
import { templatePageAction, templatePageLoader } from "~/templates/route-actions.server";
import { departmentsAction, departmentsData } from "~/templates/settings-pages.server";
import { TEMPLATE_SETUP_STEPS } from "~/templates/settings-sections";

export const handle = { i18n: ["templates", "settings"] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = (args: LoaderFunctionArgs) => templatePageLoader(args, "departments.title", departmentsData);
export const action = (args: ActionFunctionArgs) => templatePageAction(args, departmentsAction);

export default function SetupDepartments() {
  const { t } = useTranslation("templates");
  const { hospitalSlug, content } = useLoaderData<typeof loader>();
  const step = TEMPLATE_SETUP_STEPS.departments;
  return (
    <StepFrame step={step.step} title={t("departments.title")} intro={t("departments.intro")} back={`/h/${hospitalSlug}/${step.back}`} next={`/h/${hospitalSlug}/${step.next}`}>
      <DepartmentsEditor departments={content.departments} rooms={content.rooms} roomKinds={content.roomKinds} />
    </StepFrame>
  );
}
