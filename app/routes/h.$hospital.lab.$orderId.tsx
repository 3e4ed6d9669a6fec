// /h/:hospital/lab/:orderId: enter the result of one order, numeric (with the service's unit and
// reference range, flagged automatically) or text. On a resulted order the new result corrects the
// current one, which is kept (decision 048).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { may, notFoundInHospital, requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { badRequest } from "~/lib/http-errors";
import { enterResult, getOrderForResult } from "~/orders/lab.server";
import { formatRange, parseResultNumber } from "~/orders/order";
import { ResultRange, ResultValue } from "~/orders/result-value";
import { formatVietnameseDateTime } from "~/patients/vietnam-date";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { Field, fieldIds } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["orders"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "visit:read");
  const order = await member.tx((t) => getOrderForResult(t, params.orderId ?? ""));
  if (!order) throw await notFoundInHospital(request, member);
  const t = await i18next.getFixedT(request, "orders");
  return data({
    title: `${t("result.title")} · ${order.patient.mrn} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    order: { ...order, orderedAt: formatVietnameseDateTime(new Date(order.orderedAt)) },
    canEnter: may(member, "result:write") && order.status !== "cancelled",
    saved: new URL(request.url).searchParams.has("saved"),
  });
}

const REPORT_MAX_LENGTH = 4000;
const COMMENT_MAX_LENGTH = 500;

const numericSchema = z.object({
  value: z.string().transform((text, ctx) => {
    if (text.trim().length === 0) {
      ctx.addIssue({ code: "custom", message: "orders:result.errors.valueRequired" });
      return z.NEVER;
    }
    const value = parseResultNumber(text);
    if (value === null) {
      ctx.addIssue({ code: "custom", message: "orders:result.errors.valueFormat" });
      return z.NEVER;
    }
    return value;
  }),
  comment: z
    .string()
    .transform((text) => text.trim())
    .refine((text) => text.length <= COMMENT_MAX_LENGTH, "orders:result.errors.commentTooLong"),
});

const textSchema = z.object({
  report: z
    .string()
    .transform((text) => text.trim())
    .refine((text) => text.length > 0, "orders:result.errors.reportRequired")
    .refine((text) => text.length <= REPORT_MAX_LENGTH, "orders:result.errors.reportTooLong"),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "result:write");
  const orderId = params.orderId ?? "";
  const form = await readFormData(request);
  const version = parseExpectedVersion(form.get("version"));
  const kind = form.get("kind");
  if (version === null || (kind !== "numeric" && kind !== "text")) throw badRequest();
  let input: { valueNumeric: string | null; valueText: string | null };
  let values: Record<string, string>;
  if (kind === "numeric") {
    const parsed = parseForm(form, numericSchema, { echoLimit: COMMENT_MAX_LENGTH });
    if (!parsed.ok) return refuseForm(parsed);
    input = { valueNumeric: parsed.data.value, valueText: parsed.data.comment || null };
    values = parsed.values;
  } else {
    const parsed = parseForm(form, textSchema, { echoLimit: REPORT_MAX_LENGTH });
    if (!parsed.ok) return refuseForm(parsed);
    input = { valueNumeric: null, valueText: parsed.data.report };
    values = parsed.values;
  }
  try {
    const outcome = await member.tx((t) => enterResult(t, orderId, version, input));
    if (!outcome.ok && outcome.reason === "notFound") throw await notFoundInHospital(request, member);
    if (!outcome.ok) return refuseForm(formFailure(values, { key: "orders:result.cancelledOrder" }));
    return redirect(`/h/${member.hospital.slug}/lab/${orderId}?saved=1`);
  } catch (error) {
    if (!isStaleWriteError(error)) throw error;
    return refuseForm(formFailure(values, { key: "errors:conflict.title" }), { status: 409 });
  }
}

export default function EnterResult() {
  const { t, i18n } = useTranslation(["orders", "errors"]);
  const { hospitalSlug, order, canEnter, saved } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const path = `/h/${hospitalSlug}/lab/${order.id}`;
  const submitting = navigation.state === "submitting" && navigation.formAction === path;
  const numeric = order.service.resultKind !== "text";
  const range = formatRange(order.service.referenceLow, order.service.referenceHigh, i18n.language === "en" ? "." : ",");
  const errors = (failure?.errors ?? {}) as Record<string, string | undefined>;
  const values = (failure?.values ?? {}) as Record<string, string | undefined>;
  const message = (field: string) => (errors[field] ? t(errors[field] as "orders:result.errors.valueRequired") : undefined);
  const summary = ["value", "comment", "report"].flatMap((field) =>
    errors[field] ? [{ fieldId: fieldIds("result", field).input, message: message(field)! }] : [],
  );

  return (
    <div className="result-entry">
      <PageHeader
        back={{ to: `/h/${hospitalSlug}/lab?room=${order.roomId}`, label: t("result.back") }}
        title={t("result.heading", { service: order.service.name })}
        intro={`${order.patient.fullName} (${order.patient.mrn}) · ${t("result.orderedAt", { at: order.orderedAt })}`}
      />
      {saved && !failure && order.result ? (
        <Banner tone="ok" focus data-testid="saved-banner">
          {t("result.saved", { service: order.service.name, name: order.patient.fullName })}
        </Banner>
      ) : null}
      {order.status === "cancelled" ? <Banner tone="warn">{t("result.cancelledOrder")}</Banner> : null}
      {order.result ? (
        <section className="panel" aria-labelledby="current-result-heading">
          <h2 id="current-result-heading">{t("result.current")}</h2>
          <p>
            <ResultValue result={order.result} /> {order.result.valueNumeric !== null ? <span className="muted">({<ResultRange result={order.result} />})</span> : null}
          </p>
          {canEnter ? <p className="muted">{t("result.correcting")}</p> : null}
        </section>
      ) : null}
      {canEnter ? (
        <section className="panel">
          <Form method="post" action={path} noValidate data-keep-draft="">
            <ErrorSummary items={summary} formMessage={failure?.formError ? t(failure.formError.key as "errors:conflict.title") : null} />
            <input type="hidden" name="version" value={order.version} />
            <input type="hidden" name="kind" value={numeric ? "numeric" : "text"} />
            {numeric ? (
              <>
                <Field
                  prefix="result"
                  name="value"
                  label={order.service.unit ? t("result.value", { unit: order.service.unit }) : t("result.valueNoUnit")}
                  hint={range ? t("result.valueHint", { range }) : t("result.valueHintNoRange")}
                  error={message("value")}
                  required
                  defaultValue={values.value ?? ""}
                  inputMode="decimal"
                  autoComplete="off"
                  autoFocus
                  maxLength={16}
                  inputClassName="input-number"
                />
                <Field
                  prefix="result"
                  name="comment"
                  label={t("result.comment")}
                  error={message("comment")}
                  defaultValue={values.comment ?? ""}
                  maxLength={COMMENT_MAX_LENGTH}
                  autoComplete="off"
                  inputClassName="input-wide"
                />
              </>
            ) : (
              <div className="field">
                <label htmlFor={fieldIds("result", "report").input}>
                  {t("result.report")} <span className="hint" id={fieldIds("result", "report").hint}>{t("result.reportHint")}</span>
                </label>
                <textarea
                  id={fieldIds("result", "report").input}
                  name="report"
                  rows={8}
                  required
                  maxLength={REPORT_MAX_LENGTH}
                  defaultValue={values.report ?? ""}
                  aria-invalid={errors.report ? true : undefined}
                  aria-describedby={[fieldIds("result", "report").hint, errors.report ? fieldIds("result", "report").error : null].filter(Boolean).join(" ")}
                  className="input-wide"
                />
                {errors.report ? (
                  <p className="field-error" id={fieldIds("result", "report").error}>
                    {message("report")}
                  </p>
                ) : null}
              </div>
            )}
            <div className="form-actions">
              <Button type="submit" disabled={submitting}>
                {submitting ? t("result.submitting") : t("result.submit")}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
