// /h/:hospital/settings/departments: departments, rooms and beds after go-live (the wizard's step 3 editor).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DepartmentsEditor, SettingsFrame } from "~/templates/editors";
import { templatePageAction, templatePageLoader } from "~/templates/route-actions.server";
import { departmentsAction, departmentsData } from "~/templates/settings-pages.server";

export const handle = { i18n: ["templates", "settings"] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = (args: LoaderFunctionArgs) => templatePageLoader(args, "departments.title", departmentsData);
export const action = (args: ActionFunctionArgs) => templatePageAction(args, departmentsAction);

export default function SettingsDepartments() {
  const { t } = useTranslation("templates");
  const { hospitalSlug, content } = useLoaderData<typeof loader>();
  return (
    <SettingsFrame hospitalSlug={hospitalSlug} title={t("departments.title")} intro={t("departments.intro")}>
      <DepartmentsEditor departments={content.departments} rooms={content.rooms} roomKinds={content.roomKinds} />
    </SettingsFrame>
  );
}
