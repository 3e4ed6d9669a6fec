// /h/:hospital/visits/:visitId/diagnoses: ICD-10 diagnoses, one principal and any secondary. The search
// is a GET form (?q=), so it works without JavaScript; each result adds itself as principal or
// secondary. The Ministry's rules refuse with a message that says why (app/icd10/icd10-rules.ts).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { may, requireMember } from "~/auth/guards.server";
import { searchIcd10 } from "~/icd10/icd10-catalog.server";
import { ICD10_QUERY_MAX_LENGTH } from "~/icd10/icd10";
import { i18next } from "~/i18n/i18next.server";
import { conflictResponse, isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import { badRequest } from "~/lib/http-errors";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { addDiagnosis, listDiagnoses, markDiagnosisInError } from "~/visits/diagnoses.server";
import { isVisitOpen } from "~/visits/record-vitals.server";
import { VisitFrame } from "~/visits/visit-frame";
import { openVisit } from "~/visits/visit-page.server";
import { visitPath } from "~/visits/visit-tabs";

import visitStyles from "~/visits/visits.css?url";

export const links = () => [{ rel: "stylesheet", href: visitStyles }];

export const handle = { i18n: ["visit", "patients", "orders", "prescriptions"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").slice(0, ICD10_QUERY_MAX_LENGTH).trim();
  const { member, header, extra } = await openVisit(request, context, params, "visit:read", "diagnoses", (t, visit) => listDiagnoses(t, visit.id));
  const t = await i18next.getFixedT(request, "visit");
  return data({
    title: `${t("diagnoses.title")} · ${t("header.title", { number: header.queueNumber })} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    header,
    diagnoses: extra,
    query,
    results: query ? searchIcd10(query) : [],
    canWrite: may(member, "note:write"),
    open: header.status === "waiting" || header.status === "in_progress",
    added: url.searchParams.get("added"),
    marked: url.searchParams.has("marked"),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // The door before reading anything: a stranger gets 404 whatever the body (openVisit asks again, memoized).
  await requireMember(request, context, params.hospital, "note:write");
  const form = await readFormData(request);
  const intent = form.get("intent");
  const back = (slug: string, query: string) => `${visitPath(slug, params.visitId!, "/diagnoses")}${query}`;
  if (intent === "mark") {
    const version = parseExpectedVersion(form.get("version"));
    const id = form.get("diagnosisId");
    if (version === null || typeof id !== "string") throw badRequest();
    try {
      const { member, extra } = await openVisit(request, context, params, "note:write", "diagnoses", async (t, visit) =>
        (await isVisitOpen(t, visit.id)) ? markDiagnosisInError(t, visit.id, id, version) : false,
      );
      if (!extra) throw badRequest();
      return redirect(back(member.hospital.slug, "?marked=1"));
    } catch (error) {
      if (isStaleWriteError(error)) return conflictResponse(error, { ok: false as const, refusal: { key: "errors:conflict.title" as const, code: "" } });
      throw error;
    }
  }
  const code = form.get("code");
  const principal = form.get("principal") === "true";
  if (typeof code !== "string" || !code.trim()) throw badRequest();
  const query = typeof form.get("q") === "string" ? (form.get("q") as string).slice(0, ICD10_QUERY_MAX_LENGTH) : "";
  const { member, extra } = await openVisit(request, context, params, "note:write", "diagnoses", async (t, visit) => {
    if (!(await isVisitOpen(t, visit.id))) return { ok: false as const, refusal: { key: "visit:diagnoses.closed" as const, code } };
    return addDiagnosis(t, visit, code.trim(), principal);
  });
  if (!extra.ok) return data({ ok: false as const, refusal: extra.refusal, query }, { status: 400 });
  return redirect(back(member.hospital.slug, `?added=${encodeURIComponent(code.trim())}`));
}

export default function VisitDiagnoses() {
  const { t, i18n } = useTranslation(["visit", "errors"]);
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const english = i18n.language === "en";
  const refusal = result && !result.ok ? result.refusal : null;
  const writable = loaded.canWrite && loaded.open;

  return (
    <VisitFrame slug={loaded.hospitalSlug} header={loaded.header} current="diagnoses">
      {refusal ? (
        <Banner tone="error" focus data-testid="diagnosis-refused">
          {t(refusal.key as "visit:diagnoses.rules.needsDagger", { code: refusal.code, daggers: "daggers" in refusal ? refusal.daggers : "" })}
        </Banner>
      ) : loaded.added ? (
        <Banner key={location.key} tone="ok" focus>
          {t("diagnoses.added", { code: loaded.added })}
        </Banner>
      ) : loaded.marked ? (
        <Banner key={location.key} tone="ok" focus>
          {t("diagnoses.marked")}
        </Banner>
      ) : null}

      <section className="panel" aria-labelledby="diagnoses-heading">
        <h2 id="diagnoses-heading">{t("diagnoses.list")}</h2>
        {loaded.diagnoses.length === 0 ? (
          <p className="muted">{t("diagnoses.empty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("diagnoses.code")}</th>
                <th scope="col">{t("diagnoses.name")}</th>
                <th scope="col">{t("diagnoses.kind")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("diagnoses.markError")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loaded.diagnoses.map((d) => {
                const wrong = d.status === "entered_in_error";
                return (
                  <tr key={d.id} className={wrong ? "entered-in-error" : undefined} data-testid="diagnosis-row">
                    <td>{d.code}</td>
                    <td>{english ? d.nameEn || d.nameVi : d.nameVi}</td>
                    <td>
                      {d.principal ? t("diagnoses.principal") : t("diagnoses.secondary")}
                      {wrong ? <span className="tag"> {t("diagnoses.enteredInError")}</span> : null}
                    </td>
                    <td>
                      {!wrong && writable ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="mark" />
                          <input type="hidden" name="diagnosisId" value={d.id} />
                          <input type="hidden" name="version" value={d.version} />
                          <Button type="submit" variant="link">
                            {t("diagnoses.markError")}
                          </Button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {writable ? (
        <section className="panel" aria-labelledby="icd-search-heading">
          <h2 id="icd-search-heading">{t("diagnoses.searchLabel")}</h2>
          <Form method="get" className="search-form" role="search">
            <div className="field">
              <label htmlFor="icd-q">
                {t("diagnoses.searchLabel")} <span className="hint" id="icd-q-hint">{t("diagnoses.searchHint")}</span>
              </label>
              <input id="icd-q" name="q" type="search" defaultValue={loaded.query} aria-describedby="icd-q-hint" autoComplete="off" maxLength={80} />
            </div>
            <Button type="submit" variant="secondary">
              {t("diagnoses.search")}
            </Button>
          </Form>
          {loaded.query ? (
            loaded.results.length === 0 ? (
              <p className="muted">{t("diagnoses.noResults", { query: loaded.query })}</p>
            ) : (
              <table className="data icd-results">
                <caption>{t("diagnoses.results", { query: loaded.query })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("diagnoses.code")}</th>
                    <th scope="col">{t("diagnoses.name")}</th>
                    <th scope="col">{t("diagnoses.kind")}</th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.results.map((r) => (
                    <tr key={r.code} data-testid="icd-result">
                      <td>
                        {r.code}
                        {r.mark}
                      </td>
                      <td>
                        {english ? r.nameEn || r.nameVi : r.nameVi}
                        {english ? null : <span className="muted"> · {r.nameEn}</span>}
                      </td>
                      <td className="icd-add">
                        {([true, false] as const).map((principal) => (
                          <Form method="post" key={String(principal)}>
                            <input type="hidden" name="code" value={r.code} />
                            <input type="hidden" name="principal" value={String(principal)} />
                            <input type="hidden" name="q" value={loaded.query} />
                            <Button
                              type="submit"
                              variant="secondary"
                              aria-label={t("diagnoses.addLabel", { code: r.code, kind: principal ? t("diagnoses.principal") : t("diagnoses.secondary") })}
                            >
                              {principal ? t("diagnoses.addPrincipal") : t("diagnoses.addSecondary")}
                            </Button>
                          </Form>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          ) : null}
        </section>
      ) : (
        <p className="muted">{loaded.canWrite ? t("diagnoses.closed") : t("diagnoses.readOnly")}</p>
      )}
    </VisitFrame>
  );
}
