// /h/:hospital/settings/template: what a newer version of the hospital's template would add; the admin
// chooses, and the chosen items are added in one transaction (decision 040).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SettingsFrame, UpgradeList } from "~/templates/editors";
import { templatePageAction, templatePageLoader } from "~/templates/route-actions.server";
import { upgradeAction, upgradeData } from "~/templates/settings-pages.server";

export const handle = { i18n: ["templates", "settings"] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = (args: LoaderFunctionArgs) => templatePageLoader(args, "upgrade.title", upgradeData);
export const action = (args: ActionFunctionArgs) => templatePageAction(args, upgradeAction);

export default function SettingsTemplate() {
  const { t } = useTranslation("templates");
  const { hospitalSlug, content } = useLoaderData<typeof loader>();
  return (
    <SettingsFrame hospitalSlug={hospitalSlug} title={t("upgrade.title")} intro={t("upgrade.intro")}>
      <UpgradeList diff={content} setupHref={`/h/${hospitalSlug}/setup/template`} />
    </SettingsFrame>
  );
}
