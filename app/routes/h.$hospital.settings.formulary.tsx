// /h/:hospital/settings/formulary: the formulary: list, add, edit, stop using.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormularyEditor, SettingsFrame } from "~/templates/editors";
import { templatePageAction, templatePageLoader } from "~/templates/route-actions.server";
import { formularyAction, formularyData } from "~/templates/settings-pages.server";

export const handle = { i18n: ["templates", "settings"] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = (args: LoaderFunctionArgs) => templatePageLoader(args, "formulary.title", formularyData);
export const action = (args: ActionFunctionArgs) => templatePageAction(args, formularyAction);

export default function SettingsFormulary() {
  const { t } = useTranslation("templates");
  const { hospitalSlug, content } = useLoaderData<typeof loader>();
  return (
    <SettingsFrame hospitalSlug={hospitalSlug} title={t("formulary.title")} intro={t("formulary.intro")}>
      <FormularyEditor items={content} />
    </SettingsFrame>
  );
}
