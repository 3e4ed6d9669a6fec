// /h/:hospital/visits/:visitId/sign: sign and close. The doctor chooses the disposition (home,
// follow-up with a date, admit, transfer with destination and reason) and re-confirms with their
// password (app/signing/, decision 045). A wrong password signs nothing and counts towards the same
// lock as sign-in. After signing the page shows who signed, when, how, and the hash of what was signed.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { clientAddressOf, may } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { formFailure, parseForm, refuseForm } from "~/lib/form.server";
import { formatVietnameseDate, formatVietnameseDateTime, parseVietnameseDate, todayInVietnam } from "~/patients/vietnam-date";
import { readFormData } from "~/server/read-form-data.server";
import { listSignatures, signatureProvider } from "~/signing/signing.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { ErrorSummary } from "~/ui/error-summary";
import { ChoiceField, Field } from "~/ui/field";
import { signingBlocker, signVisit } from "~/visits/sign-visit.server";
import { DISPOSITIONS, type Disposition } from "~/visits/visit";
import { VisitFrame } from "~/visits/visit-frame";
import { openVisit } from "~/visits/visit-page.server";
import { visitPath } from "~/visits/visit-tabs";

import visitStyles from "~/visits/visits.css?url";

export const links = () => [{ rel: "stylesheet", href: visitStyles }];

export const handle = { i18n: ["visit", "patients", "orders", "prescriptions"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { member, header, visit, extra } = await openVisit(request, context, params, "visit:read", "sign", async (t, v) => ({
    blocker: await signingBlocker(t, v),
    signatures: await listSignatures(t, v.id),
  }));
  const t = await i18next.getFixedT(request, "visit");
  return data({
    title: `${t("sign.title")} · ${t("header.title", { number: header.queueNumber })} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    header,
    blocker: extra.blocker,
    canSign: may(member, "visit:sign"),
    signed: new URL(request.url).searchParams.has("signed"),
    outcome: visit.disposition
      ? {
          disposition: visit.disposition,
          followUpDate: visit.followUpDate ? formatVietnameseDate(visit.followUpDate) : null,
          referralTo: visit.referralTo,
          referralReason: visit.referralReason,
        }
      : null,
    signatures: extra.signatures.map((s) => ({ ...s, signedAt: formatVietnameseDateTime(s.signedAt) })),
    dispositions: DISPOSITIONS,
  });
}

const TEXT_MAX = 300;
const signSchema = z
  .object({
    disposition: z.string().refine((v): v is Disposition => (DISPOSITIONS as readonly string[]).includes(v), "sign.errors.disposition"),
    followUpDate: z.string().trim(),
    referralTo: z.string().trim().max(TEXT_MAX, "sign.errors.tooLong"),
    referralReason: z.string().trim().max(TEXT_MAX, "sign.errors.tooLong"),
    password: z.string().min(1, "sign.errors.password"),
  })
  .superRefine((v, ctx) => {
    if (v.disposition === "follow_up") {
      const iso = parseVietnameseDate(v.followUpDate);
      if (!iso || iso <= todayInVietnam()) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["followUpDate"], message: "sign.errors.followUpDate" });
    }
    if (v.disposition === "transfer") {
      if (!v.referralTo) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["referralTo"], message: "sign.errors.referralTo" });
      if (!v.referralReason) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["referralReason"], message: "sign.errors.referralReason" });
    }
  });
const SIGN_FIELDS = ["disposition", "followUpDate", "referralTo", "referralReason", "password"] as const;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readFormData(request);
  // The door and the visit first: a stranger learns nothing from the form's validation.
  const { member, visit, extra: blocker } = await openVisit(request, context, params, "visit:sign", "sign", (t, v) => signingBlocker(t, v));
  const parsed = parseForm(form, signSchema, { secret: ["password"] });
  if (!parsed.ok) return refuseForm(parsed);
  // The key is already namespaced; the parts to complete come with the page's blocker (reloaded after this answer).
  if (blocker) return refuseForm(formFailure(parsed.values, { key: blocker.refusal }), { status: 409 });

  const confirmed = await signatureProvider().confirm({
    userId: member.user.id,
    displayName: member.user.displayName,
    secret: parsed.data.password,
    address: clientAddressOf(context),
  });
  if (!confirmed.ok) {
    const key = confirmed.reason === "locked" ? { key: "visit:sign.locked", count: confirmed.retryAfterMinutes } : { key: "visit:sign.wrongPassword" };
    return refuseForm(formFailure(parsed.values, key), { status: confirmed.reason === "locked" ? 429 : 400 });
  }
  const d = parsed.data;
  const result = await member.tx((t) =>
    signVisit(t, visit, confirmed.confirmation, {
      disposition: d.disposition,
      followUpDate: d.disposition === "follow_up" ? parseVietnameseDate(d.followUpDate) : null,
      referralTo: d.disposition === "transfer" ? d.referralTo : null,
      referralReason: d.disposition === "transfer" ? d.referralReason : null,
    }),
  );
  if (!result.ok) return refuseForm(formFailure(parsed.values, { key: result.refusal }), { status: 409 });
  return redirect(`${visitPath(member.hospital.slug, visit.id, "/sign")}?signed=1`);
}

export default function VisitSign() {
  const { t, i18n } = useTranslation(["visit", "errors"]);
  const loaded = useLoaderData<typeof loader>();
  const language = i18n.language === "en" ? "en" : "vi";
  // An incomplete note names the parts to complete, with the hospital form's own labels.
  const blockerFields = (loaded.blocker?.fields ?? []).map((label) => label[language]).join(", ");
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const values = result?.values;
  const errors = (result?.errors ?? {}) as Partial<Record<(typeof SIGN_FIELDS)[number], string>>;
  const disposition = values?.disposition || "home";
  const message = (key?: string) => (key ? t(key as "sign.errors.password") : undefined);
  const formMessage = result?.formError ? t(result.formError.key as "visit:sign.locked", { count: result.formError.count ?? 0, fields: blockerFields }) : null;

  return (
    <VisitFrame slug={loaded.hospitalSlug} header={loaded.header} current="sign">
      {loaded.signed && !result ? (
        <Banner key={location.key} tone="ok" focus data-testid="signed-banner">
          {t("sign.signed")}
        </Banner>
      ) : null}

      {loaded.signatures.length > 0 ? (
        <section className="panel" aria-labelledby="signatures-heading">
          <h2 id="signatures-heading">{t("sign.result")}</h2>
          {loaded.outcome ? (
            <p>
              <strong>{t(`sign.dispositions.${loaded.outcome.disposition}`)}</strong>
              {loaded.outcome.followUpDate ? ` · ${t("sign.followUpOn", { date: loaded.outcome.followUpDate })}` : ""}
              {loaded.outcome.referralTo ? ` · ${t("sign.referral", { to: loaded.outcome.referralTo, reason: loaded.outcome.referralReason ?? "" })}` : ""}
            </p>
          ) : null}
          <ul className="signatures">
            {loaded.signatures.map((s) => (
              <li key={s.id} data-testid="signature">
                {t("sign.signedBy", { name: s.signerName, time: s.signedAt, method: t(`sign.methods.${s.method}`) })}
                <br />
                <span className="muted">
                  {t("sign.hash")}: <code className="hash">{s.contentHash}</code>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : !loaded.canSign ? (
        <p className="muted">{t("sign.readOnly")}</p>
      ) : (
        <section className="panel sign-panel" aria-labelledby="sign-heading">
          <h2 id="sign-heading">{t("sign.title")}</h2>
          <p>{t("sign.intro")}</p>
          {loaded.blocker ? (
            <Banner tone="warn" data-testid="sign-blocker">
              {t(loaded.blocker.refusal, { fields: blockerFields })}{" "}
              {loaded.blocker.refusal === "visit:sign.refused.incomplete" || loaded.blocker.refusal === "visit:sign.refused.noNote" ? (
                <Link to={visitPath(loaded.hospitalSlug, loaded.header.id, "/note")}>{t("sign.openNote")}</Link>
              ) : loaded.blocker.refusal === "visit:sign.refused.noPrincipal" || loaded.blocker.refusal === "visit:sign.refused.missingDagger" ? (
                <Link to={visitPath(loaded.hospitalSlug, loaded.header.id, "/diagnoses")}>{t("sign.openDiagnoses")}</Link>
              ) : null}
            </Banner>
          ) : null}
          <ErrorSummary
            items={SIGN_FIELDS.filter((f) => errors[f]).map((f) => ({ fieldId: `sign-${f}`, message: message(errors[f])! }))}
            formMessage={formMessage}
          />
          <Form method="post" noValidate className="sign-form">
            <ChoiceField
              prefix="sign"
              name="disposition"
              label={t("sign.disposition")}
              choices={loaded.dispositions.map((d) => ({ value: d, label: t(`sign.dispositions.${d}`) }))}
              defaultValue={disposition}
              error={message(errors.disposition)}
            />
            <Field prefix="sign" name="followUpDate" label={t("sign.followUpDate")} hint={t("sign.followUpHint")} defaultValue={values?.followUpDate ?? ""} error={message(errors.followUpDate)} inputMode="numeric" />
            <Field prefix="sign" name="referralTo" label={t("sign.referralTo")} defaultValue={values?.referralTo ?? ""} error={message(errors.referralTo)} maxLength={TEXT_MAX} />
            <Field prefix="sign" name="referralReason" label={t("sign.referralReason")} defaultValue={values?.referralReason ?? ""} error={message(errors.referralReason)} maxLength={TEXT_MAX} />
            <Field prefix="sign" name="password" type="password" label={t("sign.password")} hint={t("sign.passwordHint")} autoComplete="current-password" required error={message(errors.password)} />
            <Button type="submit" disabled={navigation.state === "submitting" || loaded.blocker !== null} data-testid="sign-submit">
              {navigation.state === "submitting" ? t("sign.submitting") : t("sign.submit")}
            </Button>
          </Form>
        </section>
      )}
    </VisitFrame>
  );
}
