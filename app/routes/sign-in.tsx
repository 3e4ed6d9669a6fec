// Sign-in: e-mail and password. A plain form, so it works without client JavaScript; every message comes
// back from the server in the person's language, and the typed e-mail stays in the form (never the
// password). When the person was sent here because their session ran out, the page says so.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { clientAddressOf, getOptionalUser } from "~/auth/guards.server";
import { readFormData } from "~/server/read-form-data.server";
import { safeRedirectPath } from "~/auth/safe-redirect";
import { readSessionToken, serializeSessionCookie } from "~/auth/session.server";
import { SIGN_IN_EXPIRED_PARAM } from "~/auth/session-timing";
import { signIn } from "~/auth/sign-in.server";
import { isLanguage } from "~/i18n/config";
import { i18next, languageCookie } from "~/i18n/i18next.server";
import { firstFieldInError } from "~/lib/form";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { Field, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["auth"] };

type AuthMessage = ParseKeys<"auth">;
const message = (key: AuthMessage) => key;

// Limits: RFC 5321 caps an address at 254 characters; 256 for a password is far beyond any real one
// and keeps a megabyte of "password" away from argon2.
const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, message("signIn.errors.emailRequired"))
    .max(254, message("signIn.errors.emailTooLong"))
    .email(message("signIn.errors.emailInvalid")),
  password: z.string().min(1, message("signIn.errors.passwordRequired")).max(256, message("signIn.errors.passwordTooLong")),
});
const SIGN_IN_FIELDS = ["email", "password"] as const;
const FORM_ID = "sign-in";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, headers } = await getOptionalUser(request, context);
  if (user) {
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/h"), { headers });
  }
  const t = await i18next.getFixedT(request, "auth");
  const common = await i18next.getFixedT(request, "common");
  return data({ title: `${t("signIn.title")} · ${common("appName")}` }, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const parsed = parseForm<typeof signInSchema.shape, AuthMessage>(form, signInSchema, { secret: ["password"] });
  if (!parsed.ok) return refuseForm(parsed);

  const result = await signIn({
    email: parsed.data.email,
    password: parsed.data.password,
    address: clientAddressOf(context),
    presentedToken: readSessionToken(request),
  });

  if (result.ok) {
    if (context.log) context.log.userId = result.userId;
    const redirectTo = safeRedirectPath(form.get("redirectTo"), "/h");
    const headers = new Headers({ "Set-Cookie": serializeSessionCookie(result.token) });
    // On a browser that has no language chosen yet (a new ward PC), use the one this person saved.
    // A choice made on this browser, even on the sign-in page itself, wins.
    if (isLanguage(result.locale) && (await languageCookie.parse(request.headers.get("Cookie"))) == null) {
      headers.append("Set-Cookie", await languageCookie.serialize(result.locale));
    }
    return redirect(redirectTo, { headers });
  }
  if (result.reason === "locked") {
    const key = result.lock.scope === "account" ? message("signIn.errors.accountLocked") : message("signIn.errors.addressLocked");
    return refuseForm(formFailure(parsed.values, { key, count: result.lock.retryAfterMinutes }), {
      status: 429,
      headers: { "Retry-After": String(result.lock.retryAfterMinutes * 60) },
    });
  }
  // Wrong password and unknown e-mail read the same: the form must not reveal who has an account.
  return refuseForm(formFailure(parsed.values, { key: message("signIn.errors.invalidCredentials") }));
}

export default function SignIn() {
  const { t } = useTranslation(["auth", "common"]);
  const failure = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && Boolean(navigation.formAction?.startsWith("/sign-in"));
  const errors = failure?.errors ?? {};
  const email = failure?.values.email ?? "";
  const firstError = firstFieldInError(SIGN_IN_FIELDS, errors);
  const formMessage = failure?.formError ? t(failure.formError.key, { count: failure.formError.count }) : null;
  const expired = searchParams.has(SIGN_IN_EXPIRED_PARAM) && !failure;

  return (
    <PageFrame brand={{ label: t("common:appName") }} className="auth-card">
      <div className="panel">
        <PageHeader title={t("signIn.title")} intro={t("signIn.intro")} />
        {expired ? (
          <Banner tone="warn" data-testid="session-expired-notice">
            {t("signIn.expired")}
          </Banner>
        ) : null}
        <ErrorSummary
          formMessage={formMessage}
          items={SIGN_IN_FIELDS.flatMap((field) => {
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
            hint={t("signIn.emailHint")}
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
          </div>
        </Form>
      </div>
    </PageFrame>
  );
}
