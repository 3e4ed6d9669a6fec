// The staff sign-in's enrolment (decision 055): at the first sign-in, or after an owner reset it. A new
// secret as a QR code and as text; a current code from the app confirms it; then ten recovery codes,
// shown only in this answer (only their hashes are kept), and "I have saved them" continues.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { clientAddressOf } from "~/auth/guards.server";
import { confirmEnrolment, pendingEnrolment, requireHalfSession, staffStepUrl } from "~/auth/staff-sign-in.server";
import { serializeBlankStaffCookie } from "~/auth/staff-session.server";
import { groupSecret, totpQrDataUrl } from "~/auth/staff-totp.server";
import { i18next } from "~/i18n/i18next.server";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { readFormData } from "~/server/read-form-data.server";
import { Button, ButtonLink } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { Field, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["admin"] };

type AdminMessage = ParseKeys<"admin">;
const message = (key: AdminMessage) => key;

const codeSchema = z.object({ code: z.string().trim().regex(/^\d{3}\s?\d{3}$/, message("enrol.errors.codeInvalid")) });
const FORM_ID = "staff-enrol";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request, "admin");
  const title = `${t("enrol.title")} · ${t("console.brand")}`;
  // After the action below the session is complete: the page stays, to show the recovery codes.
  const half = await requireHalfSession(request, context, { allowSignedIn: true });
  if ("signedIn" in half) return data({ title, enrolment: null, redirectTo: half.redirectTo });
  const enrolment = await pendingEnrolment(half.staff);
  if (!enrolment) throw redirect(staffStepUrl("/code", half.redirectTo));
  return data({
    title,
    redirectTo: half.redirectTo,
    enrolment: { email: half.staff.email, secret: groupSecret(enrolment.secret), qr: await totpQrDataUrl(enrolment.uri) },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const half = await requireHalfSession(request, context);
  if ("signedIn" in half) throw redirect(half.redirectTo);
  const form = await readFormData(request);
  const parsed = parseForm<typeof codeSchema.shape, AdminMessage>(form, codeSchema, { secret: ["code"] });
  if (!parsed.ok) return refuseForm(parsed);
  const result = await confirmEnrolment({ staff: half.staff, sessionId: half.sessionId, address: clientAddressOf(context), request }, parsed.data.code);
  if (result.ok) return data({ recoveryCodes: result.recoveryCodes, redirectTo: half.redirectTo });
  if (result.reason === "locked") {
    throw redirect(staffStepUrl("", half.redirectTo, { locked: String(result.lock.retryAfterMinutes) }), {
      headers: { "Set-Cookie": serializeBlankStaffCookie() },
    });
  }
  if (result.reason === "wrong-step") throw redirect(staffStepUrl("/code", half.redirectTo));
  return refuseForm(formFailure(parsed.values, { key: message("enrol.errors.wrongCode") }));
}

export default function StaffEnrol() {
  const { t } = useTranslation("admin");
  const { enrolment, redirectTo } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();

  if (answer && "recoveryCodes" in answer) {
    return (
      <PageFrame brand={{ label: t("console.brand") }} className="auth-card">
        <div className="panel">
          <PageHeader title={t("recovery.title")} intro={t("recovery.intro")} />
          <ul className="recovery-codes" aria-label={t("recovery.listLabel")} data-testid="recovery-codes">
            {answer.recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <ButtonLink to={answer.redirectTo} variant="primary" reloadDocument>
              {t("recovery.saved")}
            </ButtonLink>
          </div>
        </div>
      </PageFrame>
    );
  }
  if (!enrolment) {
    return (
      <PageFrame brand={{ label: t("console.brand") }} className="auth-card">
        <div className="panel">
          <PageHeader title={t("enrol.title")} />
          <div className="form-actions">
            <ButtonLink to={redirectTo} variant="primary">
              {t("recovery.saved")}
            </ButtonLink>
          </div>
        </div>
      </PageFrame>
    );
  }
  const failure = answer && "errors" in answer ? answer : undefined;
  const errors = failure?.errors ?? {};
  const formMessage = failure?.formError ? t(failure.formError.key) : null;
  return (
    <PageFrame brand={{ label: t("console.brand") }} className="auth-card">
      <div className="panel">
        <PageHeader title={t("enrol.title")} intro={t("enrol.intro")} />
        <ErrorSummary
          formMessage={formMessage}
          items={errors.code ? [{ fieldId: fieldIds(FORM_ID, "code").input, message: t(errors.code) }] : []}
        />
        <p>{t("enrol.step1")}</p>
        <img className="totp-qr" src={enrolment.qr} alt={t("enrol.qrAlt", { email: enrolment.email })} width={200} height={200} />
        <p className="hint">{t("enrol.manual")}</p>
        <p>
          <code className="totp-secret" data-testid="totp-secret">
            {enrolment.secret}
          </code>
        </p>
        <p>{t("enrol.step2")}</p>
        <Form method="post" noValidate>
          <Field
            prefix={FORM_ID}
            name="code"
            label={t("enrol.code")}
            hint={t("enrol.codeHint")}
            error={errors.code ? t(errors.code) : undefined}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            autoFocus={Boolean(failure)}
          />
          <div className="form-actions">
            <Button type="submit" disabled={navigation.state === "submitting"}>
              {t("enrol.submit")}
            </Button>
          </div>
        </Form>
      </div>
    </PageFrame>
  );
}
