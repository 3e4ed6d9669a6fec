// Sign-in: e-mail and password. A plain form, so it works without client JavaScript; every message comes
// back from the server in the person's language, and the typed e-mail stays in the form.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { LanguageSwitch } from "~/auth/account-controls";
import { clientAddressOf, getOptionalUser } from "~/auth/guards.server";
import { readFormData } from "~/server/read-form-data.server";
import { safeRedirectPath } from "~/auth/safe-redirect";
import { readSessionToken, serializeSessionCookie } from "~/auth/session.server";
import { signIn } from "~/auth/sign-in.server";
import { isLanguage } from "~/i18n/config";
import { i18next, languageCookie } from "~/i18n/i18next.server";

export const handle = { i18n: ["auth"] };

// Limits: RFC 5321 caps an address at 254 characters; 256 for a password is far beyond any real one
// and keeps a megabyte of "password" away from argon2.
const signInSchema = z.object({
  email: z
    .string({ required_error: "signIn.errors.emailRequired", invalid_type_error: "signIn.errors.emailRequired" })
    .trim()
    .min(1, "signIn.errors.emailRequired")
    .max(254, "signIn.errors.emailTooLong")
    .email("signIn.errors.emailInvalid"),
  password: z
    .string({ required_error: "signIn.errors.passwordRequired", invalid_type_error: "signIn.errors.passwordRequired" })
    .min(1, "signIn.errors.passwordRequired")
    .max(256, "signIn.errors.passwordTooLong"),
});

type FieldErrors = Partial<Record<"email" | "password", string>>;
type FormError = { key: string; count?: number };

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
  const rawEmail = form.get("email");
  // What the person typed goes back into the form (capped: it is echoed into the page).
  const email = typeof rawEmail === "string" ? rawEmail.trim().slice(0, 1000) : "";
  const parsed = signInSchema.safeParse({ email: rawEmail ?? undefined, password: form.get("password") ?? undefined });
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "email" || field === "password") && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return data({ email, fieldErrors, formError: null as FormError | null }, { status: 400 });
  }

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
    const key = result.lock.scope === "account" ? "signIn.errors.accountLocked" : "signIn.errors.addressLocked";
    return data(
      { email, fieldErrors: {} as FieldErrors, formError: { key, count: result.lock.retryAfterMinutes } as FormError | null },
      { status: 429, headers: { "Retry-After": String(result.lock.retryAfterMinutes * 60) } },
    );
  }
  // Wrong password and unknown e-mail read the same: the form must not reveal who has an account.
  return data(
    { email, fieldErrors: {} as FieldErrors, formError: { key: "signIn.errors.invalidCredentials" } as FormError | null },
    { status: 400 },
  );
}

export default function SignIn() {
  const { t } = useTranslation(["auth", "common"]);
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && Boolean(navigation.formAction?.startsWith("/sign-in"));
  const fieldErrors = actionData?.fieldErrors ?? {};
  const formError = actionData?.formError ?? null;
  const email = actionData?.email ?? "";

  return (
    <>
      <header className="topbar">
        <span className="brand">{t("common:appName")}</span>
        <span className="spacer" />
        <LanguageSwitch />
      </header>
      <main id="main" className="auth-card">
        <div className="panel">
          <h1>{t("signIn.title")}</h1>
          <p className="muted">{t("signIn.intro")}</p>
          {formError ? (
            <div className="alert error" role="alert" id="sign-in-error">
              {t(formError.key, { count: formError.count })}
            </div>
          ) : null}
          <Form method="post" noValidate aria-describedby={formError ? "sign-in-error" : undefined}>
            <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
            <label htmlFor="email">
              {t("signIn.email")} <span className="hint">{t("signIn.emailHint")}</span>
            </label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              spellCheck={false}
              autoCapitalize="none"
              defaultValue={email}
              key={email}
              autoFocus={!email || Boolean(fieldErrors.email)}
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={fieldErrors.email ? "email-error" : undefined}
            />
            {fieldErrors.email ? (
              <p className="field-error" id="email-error">
                {t(fieldErrors.email)}
              </p>
            ) : null}
            <label htmlFor="password">{t("signIn.password")}</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              autoFocus={Boolean(email) && !fieldErrors.email}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={fieldErrors.password ? "password-error" : undefined}
            />
            {fieldErrors.password ? (
              <p className="field-error" id="password-error">
                {t(fieldErrors.password)}
              </p>
            ) : null}
            <p>
              <button type="submit" disabled={submitting}>
                {t("signIn.submit")}
              </button>
            </p>
          </Form>
        </div>
      </main>
    </>
  );
}
