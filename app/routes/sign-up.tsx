// /sign-up: a hospital signs itself up (issue 7). Public. Works without JavaScript: the province is chosen
// first (a small GET form: the page comes back with that province's communes), then the rest of the form
// is posted. With JavaScript, choosing a province reloads the communes at once. Refuses bots with a
// honeypot field and a signed issue time (decision 033), and is throttled per address (decision 031).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { clientAddressOf, getOptionalUser } from "~/auth/guards.server";
import { serializeSessionCookie } from "~/auth/session.server";
import { signUpHospital } from "~/auth/sign-up.server";
import { i18next } from "~/i18n/i18next.server";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { readFormData } from "~/server/read-form-data.server";
import { SelectField } from "~/ui/select-field";
import { isProvince, listProvinces, listWards } from "~/signup/admin-units.server";
import { HONEYPOT_FIELD, STAMP_FIELD } from "~/signup/form-fields";
import { checkFormStamp, issueFormStamp } from "~/signup/form-stamp.server";
import { SIGN_UP_FIELDS, signUpSchema } from "~/signup/sign-up-input";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { Field, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["signup"] };

type SignupMessage = ParseKeys<"signup">;
const FORM_ID = "sign-up";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, headers } = await getOptionalUser(request, context);
  if (user) throw redirect("/h", { headers });
  const t = await i18next.getFixedT(request, "signup");
  const common = await i18next.getFixedT(request, "common");
  const asked = new URL(request.url).searchParams.get("province") ?? "";
  const province = isProvince(asked) ? asked : "";
  return data(
    {
      title: `${t("signUp.title")} · ${common("appName")}`,
      provinces: listProvinces(),
      province,
      wards: province ? listWards(province) : [],
      stamp: await issueFormStamp(),
    },
    { headers },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const parsed = parseForm<typeof signUpSchema.shape, SignupMessage>(form, signUpSchema, { secret: ["password"] });
  const stamp = form.get(STAMP_FIELD);
  const echoStamp = typeof stamp === "string" ? stamp.slice(0, 80) : "";
  const honeypot = form.get(HONEYPOT_FIELD);
  const check = await checkFormStamp(stamp);
  if ((typeof honeypot === "string" && honeypot !== "") || check === "invalid" || check === "too-fast") {
    return refuseForm({ ...formFailure(parsed.values, { key: "form.errors.refused" as SignupMessage }), stamp: "" });
  }
  if (check === "expired") return refuseForm({ ...formFailure(parsed.values, { key: "form.errors.expired" as SignupMessage }), stamp: "" });
  if (!parsed.ok) return refuseForm({ ...parsed, stamp: echoStamp });
  const result = await signUpHospital(parsed.data, {
    address: clientAddressOf(context),
    locale: await i18next.getLocale(request),
    origin: process.env.APP_ORIGIN || new URL(request.url).origin,
  });
  if (result.ok) {
    if (context.log) context.log.userId = result.userId;
    return redirect(`/h/${result.hospital.slug}/setup`, { headers: { "Set-Cookie": serializeSessionCookie(result.token) } });
  }
  if (result.reason === "throttled") {
    return refuseForm(
      { ...formFailure(parsed.values, { key: "form.errors.throttled" as SignupMessage, count: result.retryAfterMinutes }), stamp: echoStamp },
      { status: 429, headers: { "Retry-After": String(result.retryAfterMinutes * 60) } },
    );
  }
  return refuseForm({ ok: false as const, values: parsed.values, errors: result.errors as Record<string, SignupMessage>, formError: null, stamp: echoStamp });
}

export default function SignUp() {
  const { t } = useTranslation(["signup", "common"]);
  const { provinces, province: loadedProvince, wards, stamp } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formMethod?.toUpperCase() === "POST";
  const errors = (failure?.errors ?? {}) as Partial<Record<(typeof SIGN_UP_FIELDS)[number], SignupMessage>>;
  const values = failure?.values;
  const province = loadedProvince || values?.province || "";
  const message = (key: SignupMessage | undefined) => (key ? (t(key) as string) : undefined);
  const formMessage = failure?.formError ? (t(failure.formError.key as SignupMessage, { count: failure.formError.count }) as string) : null;
  return (
    <PageFrame brand={{ label: t("common:appName"), to: "/" }} className="auth-card sign-up">
      <div className="panel">
        <PageHeader title={t("signUp.title")} intro={t("signUp.intro")} />
        <ErrorSummary
          formMessage={formMessage}
          items={SIGN_UP_FIELDS.flatMap((field) => {
            const key = errors[field];
            return key ? [{ fieldId: fieldIds(FORM_ID, field).input, message: t(key) as string }] : [];
          })}
        />
        <h2>{t("signUp.placeSection")}</h2>
        <Form method="get" action="/sign-up" id="province-form">
          <SelectField
            prefix={FORM_ID}
            name="province"
            label={t("signUp.province")}
            error={message(errors.province)}
            options={provinces.map((p) => ({ value: p.code, label: p.name }))}
            placeholder={t("signUp.provinceChoose")}
            defaultValue={province}
            onChange={(event) => event.currentTarget.form?.requestSubmit()}
          />
          <noscript>
            <Button type="submit" variant="secondary">
              {t("signUp.showWards")}
            </Button>
          </noscript>
        </Form>
        <Form method="post" action={`/sign-up${province ? `?province=${province}` : ""}`} noValidate>
          <input type="hidden" name="province" value={province} />
          <input type="hidden" name={STAMP_FIELD} value={failure?.stamp || stamp} />
          {wards.length > 0 ? (
            <SelectField
              prefix={FORM_ID}
              name="ward"
              label={t("signUp.ward")}
              error={message(errors.ward)}
              options={wards.map((w) => ({ value: w.code, label: w.name }))}
              placeholder={t("signUp.wardChoose")}
              defaultValue={values?.ward ?? ""}
              key={`ward-${province}`}
            />
          ) : (
            <p className="hint" id={fieldIds(FORM_ID, "ward").input}>
              {t("signUp.wardAfterProvince")}
              {errors.ward ? <span className="field-error"> {message(errors.ward)}</span> : null}
            </p>
          )}
          <h2>{t("signUp.hospitalSection")}</h2>
          <Field
            prefix={FORM_ID}
            name="hospitalName"
            label={t("signUp.hospitalName")}
            hint={t("signUp.hospitalNameHint")}
            error={message(errors.hospitalName)}
            defaultValue={values?.hospitalName ?? ""}
            inputClassName="input-wide"
          />
          <Field
            prefix={FORM_ID}
            name="facilityCode"
            label={t("signUp.facilityCode")}
            hint={t("signUp.facilityCodeHint")}
            error={message(errors.facilityCode)}
            defaultValue={values?.facilityCode ?? ""}
            inputMode="numeric"
            autoComplete="off"
            maxLength={5}
          />
          <h2>{t("signUp.adminSection")}</h2>
          <Field
            prefix={FORM_ID}
            name="adminName"
            label={t("signUp.adminName")}
            error={message(errors.adminName)}
            defaultValue={values?.adminName ?? ""}
            autoComplete="name"
            inputClassName="input-wide"
          />
          <Field
            prefix={FORM_ID}
            name="email"
            label={t("signUp.email")}
            hint={t("signUp.emailHint")}
            error={message(errors.email)}
            defaultValue={values?.email ?? ""}
            type="email"
            autoComplete="email"
            spellCheck={false}
            autoCapitalize="none"
            inputClassName="input-wide"
          />
          <Field
            prefix={FORM_ID}
            name="password"
            label={t("signUp.password")}
            hint={t("signUp.passwordHint")}
            error={message(errors.password)}
            type="password"
            autoComplete="new-password"
            inputClassName="input-wide"
          />
          <div className="honeypot" aria-hidden="true">
            <label htmlFor={`${FORM_ID}-${HONEYPOT_FIELD}`}>{t("signUp.honeypot")}</label>
            <input id={`${FORM_ID}-${HONEYPOT_FIELD}`} name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>
          <div className="form-actions">
            <Button type="submit" disabled={submitting}>
              {t("signUp.submit")}
            </Button>
            <Link to="/sign-in">{t("signUp.haveAccount")}</Link>
          </div>
        </Form>
      </div>
    </PageFrame>
  );
}
