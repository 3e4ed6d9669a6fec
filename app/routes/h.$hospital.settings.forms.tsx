// /h/:hospital/settings/forms: note forms per specialty: their fields, labels, required, normal ranges.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NoteFormsEditor, SettingsFrame } from "~/templates/editors";
import { templatePageAction, templatePageLoader } from "~/templates/route-actions.server";
import { noteFormsAction, noteFormsData } from "~/templates/settings-pages.server";

export const handle = { i18n: ["templates", "settings"] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = (args: LoaderFunctionArgs) => templatePageLoader(args, "forms.title", noteFormsData);
export const action = (args: ActionFunctionArgs) => templatePageAction(args, noteFormsAction);

export default function SettingsNoteForms() {
  const { t } = useTranslation("templates");
  const { hospitalSlug, content } = useLoaderData<typeof loader>();
  return (
    <SettingsFrame hospitalSlug={hospitalSlug} title={t("forms.title")} intro={t("forms.intro")}>
      <NoteFormsEditor forms={content} />
    </SettingsFrame>
  );
}
