// The platform staff sign-in, first step (decision 055): e-mail and password open a half-session, then
// the second step (enrolment or code). Hospital users and deactivated staff read exactly what a wrong
// password reads. A plain form, works without client JavaScript; the typed e-mail stays, never the password.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { clientAddressOf } from "~/auth/guards.server";
import { staffRedirectTarget, staffSignIn, staffStepUrl } from "~/auth/staff-sign-in.server";
import { getStaffSession, readStaffToken, serializeStaffCookie } from "~/auth/staff-session.server";
import { isLanguage } from "~/i18n/config";
import { i18next, languageCookie } from "~/i18n/i18next.server";
import { firstFieldInError } from "~/lib/form";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { Field, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["admin"] };

type AdminMessage = ParseKeys<"admin">;
const message = (key: AdminMessage) => key;

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, message("signIn.errors.emailRequired"))
    .max(254, message("signIn.errors.emailTooLong"))
    .email(message("signIn.errors.emailInvalid")),
  password: z.string().min(1, message("signIn.errors.passwordRequired")).max(256, message("signIn.errors.passwordTooLong")),
});
const FIELDS = ["email", "password"] as const;
const FORM_ID = "staff-sign-in";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await getStaffSession(request, context);
  if (session.state === "signed-in") throw redirect(staffRedirectTarget(new URL(request.url).searchParams.get("redirectTo")));
  const t = await i18next.getFixedT(request, "admin");
  return data({ title: `${t("signIn.title")} · ${t("console.brand")}` });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const parsed = parseForm<typeof signInSchema.shape, AdminMessage>(form, signInSchema, { secret: ["password"] });
  if (!parsed.ok) return refuseForm(parsed);
  const result = await staffSignIn({
    email: parsed.data.email,
    password: parsed.data.password,
    address: clientAddressOf(context),
    presentedToken: readStaffToken(request),
  });
  if (result.ok) {
    if (context.log) context.log.userId = result.userId;
    const redirectTo = staffRedirectTarget(form.get("redirectTo"));
    const headers = new Headers({ "Set-Cookie": serializeStaffCookie(result.token) });
    // As the hospital sign-in does: a browser with no language chosen yet gets the one this person saved.
    if (isLanguage(result.locale) && (await languageCookie.parse(request.headers.get("Cookie"))) == null) {
      headers.append("Set-Cookie", await languageCookie.serialize(result.locale));
    }
    return redirect(staffStepUrl(result.enrolled ? "/code" : "/enrol", redirectTo), { headers });
  }
  if (result.reason === "locked") {
    const key = result.lock.scope === "account" ? message("signIn.errors.accountLocked") : message("signIn.errors.addressLocked");
    return refuseForm(formFailure(parsed.values, { key, count: result.lock.retryAfterMinutes }), {
      status: 429,
      headers: { "Retry-After": String(result.lock.retryAfterMinutes * 60) },
    });
  }
  return refuseForm(formFailure(parsed.values, { key: message("signIn.errors.invalidCredentials") }));
}

export default function StaffSignIn() {
  const { t } = useTranslation("admin");
  const failure = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const errors = failure?.errors ?? {};
  const email = failure?.values.email ?? "";
  const firstError = firstFieldInError(FIELDS, errors);
  const formMessage = failure?.formError ? t(failure.formError.key, { count: failure.formError.count }) : null;
  const lockedMinutes = Number(searchParams.get("locked") ?? "");
  const notice = failure
    ? null
    : lockedMinutes > 0
      ? { tone: "error" as const, text: t("signIn.codeLocked", { count: lockedMinutes }) }
      : searchParams.has("expired")
        ? { tone: "warn" as const, text: t("signIn.halfExpired") }
        : searchParams.has("signedOut")
          ? { tone: "info" as const, text: t("signIn.signedOut") }
          : null;

  return (
    <PageFrame brand={{ label: t("console.brand"), to: "/admin" }} className="auth-card">
      <div className="panel">
        <PageHeader title={t("signIn.title")} intro={t("signIn.intro")} />
        {notice ? (
          <Banner tone={notice.tone} data-testid="staff-sign-in-notice">
            {notice.text}
          </Banner>
        ) : null}
        <ErrorSummary
          formMessage={formMessage}
          items={FIELDS.flatMap((field) => {
            const key = errors[field];
            return key ? [{ fieldId: fieldIds(FORM_ID, field).input, message: t(key) }] : [];
          })}
        />
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field
            prefix={FORM_ID}
            name="email"
            label={t("signIn.email")}
            error={errors.email ? t(errors.email) : undefined}
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            autoCapitalize="none"
            defaultValue={email}
            key={email}
            autoFocus={!failure && !email}
            inputClassName="input-wide"
          />
          <Field
            prefix={FORM_ID}
            name="password"
            label={t("signIn.password")}
            error={errors.password ? t(errors.password) : undefined}
            type="password"
            autoComplete="current-password"
            autoFocus={Boolean(failure) && !firstError && !formMessage}
            inputClassName="input-wide"
          />
          <div className="form-actions">
            <Button type="submit" disabled={submitting}>
              {t("signIn.submit")}
            </Button>
            <Link to="/sign-in">{t("signIn.hospitalLink")}</Link>
          </div>
        </Form>
      </div>
    </PageFrame>
  );
}
