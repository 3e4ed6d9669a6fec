// The staff sign-in's second step (decision 055): the 6-digit code from the authenticator app, or one
// of the recovery codes (each works once). Wrong codes are throttled: the fifth in 15 minutes ends the
// half-session and locks the code step for the account.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { clientAddressOf } from "~/auth/guards.server";
import { requireHalfSession, staffStepUrl, verifyStaffSecondFactor } from "~/auth/staff-sign-in.server";
import { serializeBlankStaffCookie } from "~/auth/staff-session.server";
import { i18next } from "~/i18n/i18next.server";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { readFormData } from "~/server/read-form-data.server";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { Field, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import { PageFrame } from "~/ui/top-bar";

export const handle = { i18n: ["admin"] };

type AdminMessage = ParseKeys<"admin">;
const message = (key: AdminMessage) => key;

const totpSchema = z.object({ code: z.string().trim().regex(/^\d{3}\s?\d{3}$/, message("code.errors.codeInvalid")) });
const recoverySchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z2-7]{5}[\s-]?[A-Za-z2-7]{5}$/, message("code.errors.recoveryInvalid")),
});
const FORM_ID = "staff-code";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const half = await requireHalfSession(request, context);
  if ("signedIn" in half) throw redirect(half.redirectTo);
  if (!half.staff.enrolled) throw redirect(staffStepUrl("/enrol", half.redirectTo));
  const t = await i18next.getFixedT(request, "admin");
  return data({ title: `${t("code.title")} · ${t("console.brand")}`, email: half.staff.email });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const half = await requireHalfSession(request, context);
  if ("signedIn" in half) throw redirect(half.redirectTo);
  const form = await readFormData(request);
  const kind = form.get("kind") === "recovery" ? "recovery" : "totp";
  const parsed = parseForm<{ code: z.ZodString }, AdminMessage>(form, kind === "recovery" ? recoverySchema : totpSchema, { secret: ["code"] });
  if (!parsed.ok) return refuseForm({ ...parsed, kind });
  const result = await verifyStaffSecondFactor(
    { staff: half.staff, sessionId: half.sessionId, address: clientAddressOf(context), request },
    { kind, code: parsed.data.code },
  );
  if (result.ok) {
    if (context.log) context.log.userId = half.staff.id;
    throw redirect(half.redirectTo);
  }
  if (result.reason === "locked") {
    throw redirect(staffStepUrl("", half.redirectTo, { locked: String(result.lock.retryAfterMinutes) }), {
      headers: { "Set-Cookie": serializeBlankStaffCookie() },
    });
  }
  if (result.reason === "wrong-step") throw redirect(staffStepUrl("/enrol", half.redirectTo));
  return refuseForm({
    ...formFailure(parsed.values, { key: kind === "recovery" ? message("code.errors.wrongRecovery") : message("code.errors.wrongCode") }),
    kind,
  });
}

export default function StaffCode() {
  const { t } = useTranslation("admin");
  const { email } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const recovery = failure ? failure.kind === "recovery" : searchParams.has("recovery");
  const errors = failure?.errors ?? {};
  const formMessage = failure?.formError ? t(failure.formError.key) : null;
  const otherStep = new URLSearchParams(searchParams);
  if (recovery) otherStep.delete("recovery");
  else otherStep.set("recovery", "1");
  const otherQuery = otherStep.toString();

  return (
    <PageFrame brand={{ label: t("console.brand") }} className="auth-card">
      <div className="panel">
        <PageHeader title={recovery ? t("code.recoveryTitle") : t("code.title")} intro={recovery ? t("code.recoveryHint") : t("code.intro", { email })} />
        <ErrorSummary
          formMessage={formMessage}
          items={errors.code ? [{ fieldId: fieldIds(FORM_ID, "code").input, message: t(errors.code) }] : []}
        />
        <Form method="post" noValidate key={recovery ? "recovery" : "totp"}>
          <input type="hidden" name="kind" value={recovery ? "recovery" : "totp"} />
          {recovery ? (
            <Field
              prefix={FORM_ID}
              name="code"
              label={t("code.recoveryCode")}
              error={errors.code ? t(errors.code) : undefined}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="none"
              maxLength={12}
              autoFocus
            />
          ) : (
            <Field
              prefix={FORM_ID}
              name="code"
              label={t("code.code")}
              hint={t("code.codeHint")}
              error={errors.code ? t(errors.code) : undefined}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              autoFocus
            />
          )}
          <div className="form-actions">
            <Button type="submit" disabled={navigation.state === "submitting"}>
              {recovery ? t("code.recoverySubmit") : t("code.submit")}
            </Button>
          </div>
        </Form>
        <p>
          <Link to={`?${otherQuery}`}>{recovery ? t("code.useApp") : t("code.useRecovery")}</Link>
        </p>
        <Form method="post" action="/admin/sign-out">
          <Button type="submit" variant="link">
            {t("code.cancel")}
          </Button>
        </Form>
      </div>
    </PageFrame>
  );
}
