// /h/:hospital/settings/services: services and prices after go-live, with CSV import (the wizard's step 5 editor).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ServicesEditor, SettingsFrame } from "~/templates/editors";
import { templatePageAction, templatePageLoader } from "~/templates/route-actions.server";
import { servicesAction, servicesData } from "~/templates/settings-pages.server";
import { SERVICE_CSV_MAX_BYTES } from "~/templates/service-csv.server";

export const handle = { i18n: ["templates", "settings"] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = async (args: LoaderFunctionArgs) => ({
  ...(await templatePageLoader(args, "services.title", servicesData)),
  maxBytes: SERVICE_CSV_MAX_BYTES,
});
export const action = (args: ActionFunctionArgs) => templatePageAction(args, servicesAction);

export default function SettingsServices() {
  const { t } = useTranslation("templates");
  const { hospitalSlug, content, maxBytes } = useLoaderData<typeof loader>();
  return (
    <SettingsFrame hospitalSlug={hospitalSlug} title={t("services.title")} intro={t("services.intro")}>
      <ServicesEditor services={content} maxBytes={maxBytes} />
    </SettingsFrame>
  );
}
