// The language switch: sets the `lng` cookie and, for a signed-in person, saves the choice to their
// account; then goes back where the person was.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getOptionalUser } from "~/auth/guards.server";
import { readFormData } from "~/server/read-form-data.server";
import { safeRedirectPath } from "~/auth/safe-redirect";
import { saveUserLocale } from "~/auth/save-user-locale.server";
import { LANGUAGES } from "~/i18n/config";
import { i18next, languageCookie } from "~/i18n/i18next.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["auth"] };

const languageSchema = z.object({ lng: z.enum(LANGUAGES) });

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const parsed = languageSchema.safeParse({ lng: form.get("lng") });
  if (!parsed.success) return data({ error: "language.invalid" as const }, { status: 400 });

  const { user, headers } = await getOptionalUser(request, context);
  if (user) await saveUserLocale(user.id, parsed.data.lng);
  headers.append("Set-Cookie", await languageCookie.serialize(parsed.data.lng));
  return redirect(safeRedirectPath(form.get("redirectTo"), "/"), { headers });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

// No redirect here: after a refused POST, Remix runs this loader before rendering the refusal, and a
// redirect would swallow the message.
export async function loader({ request }: LoaderFunctionArgs) {
  const common = await i18next.getFixedT(request, "common");
  return data({ title: `${common("language.label")} · ${common("appName")}` });
}

/** Opened directly, a language chooser; after a refused submission, the reason too. */
export default function LanguageChooser() {
  const { t } = useTranslation(["auth", "common"]);
  const actionData = useActionData<typeof action>();
  return (
    <PageFrame brand={{ label: t("common:appName"), to: "/" }} className="narrow-page">
      <PageHeader title={t("common:language.label")} />
      {actionData?.error ? <Banner tone="error">{t(actionData.error)}</Banner> : null}
      <div className="toolbar">
        {LANGUAGES.map((lng) => (
          <Form method="post" key={lng}>
            <input type="hidden" name="lng" value={lng} />
            <input type="hidden" name="redirectTo" value="/" />
            <Button type="submit" variant="secondary" lang={lng}>
              {t(`common:language.${lng}`)}
            </Button>
          </Form>
        ))}
      </div>
      <p>
        <Link to="/">{t("language.back")}</Link>
      </p>
    </PageFrame>
  );
}
