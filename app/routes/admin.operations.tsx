// /admin/operations: the job queue (what ran, what failed, retry), security events across hospitals,
// the audit anchors (each hospital's chain head; verify on demand) and health. Kinds, ids, counts, route
// patterns and addresses only: never patient data. Retry and verify: operations and owner staff.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatBytes, formatDateTime } from "~/admin/console/format";
import { JOB_STATES as STATES, parseOperationsQuery, readOperations, retryJob, verifyHospitalChain, type Verification } from "~/admin/console/operations.server";
import { requireStaff } from "~/auth/staff-session.server";
import { i18next } from "~/i18n/i18next.server";
import { badRequest } from "~/lib/http-errors";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["console", "admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const ACTING_ROLES = ["operations", "owner"] as const;
// As db/schema/security.ts SECURITY_EVENT_KINDS (not imported: the schema stays out of the browser's bundle).
const EVENT_KINDS = ["tenant-lookup-miss", "not-a-member", "forbidden", "sign-in-locked", "staff-code-locked"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const url = new URL(request.url);
  const operations = await readOperations(parseOperationsQuery(url.searchParams));
  const t = await i18next.getFixedT(request, "console");
  return data({
    title: t("operations.title"),
    operations,
    canAct: (ACTING_ROLES as readonly string[]).includes(staff.role),
    retried: url.searchParams.get("retried") === "1",
    jobStates: STATES,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, ACTING_ROLES);
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "retry") {
    const queue = form.get("queue");
    const id = form.get("job");
    if (typeof queue !== "string" || typeof id !== "string") throw badRequest();
    if (form.get("confirm") !== "yes") return data({ refusal: "notConfirmed" as const, verification: null }, { status: 400 });
    const retried = await retryJob(queue, id, staff.id);
    if (!retried) return data({ refusal: "jobNotFailed" as const, verification: null }, { status: 409 });
    return redirect("/admin/operations?retried=1");
  }
  if (intent === "verify") {
    const hospital = form.get("hospital");
    const verification = await verifyHospitalChain(typeof hospital === "string" ? hospital : "", staff.id);
    if (!verification) return data({ refusal: "hospitalNotFound" as const, verification: null }, { status: 404 });
    return data({ refusal: null, verification });
  }
  throw badRequest();
}

export default function Operations() {
  const { t } = useTranslation("console");
  const { operations, canAct, retried, jobStates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { refusal: string | null; verification: Verification | null } | undefined;
  const { health, query } = operations;
  return (
    <>
      <PageHeader title={t("operations.title")} intro={t("operations.intro")} />
      {retried ? (
        <Banner tone="ok" focus>
          {t("operations.jobs.retried")}
        </Banner>
      ) : null}
      {result?.refusal ? (
        <Banner tone="error" focus>
          {t(`operations.refused.${result.refusal}` as never)}
        </Banner>
      ) : null}
      {result?.verification ? (
        <Banner tone={result.verification.ok ? "ok" : "error"} focus data-testid="verification">
          {result.verification.ok
            ? t("operations.anchors.verified", { entries: result.verification.entries, anchor: t(`operations.anchorStatus.${result.verification.anchor}` as never) })
            : t("operations.anchors.broken", { seq: result.verification.brokenAt ?? 0 })}
        </Banner>
      ) : null}

      <section aria-labelledby="health-heading">
        <h2 id="health-heading">{t("operations.health.title")}</h2>
        <dl className="facts" data-testid="health">
          <dt>{t("operations.health.database")}</dt>
          <dd>{t("operations.health.databaseOk", { ms: health.database.ms, size: formatBytes(health.database.bytes) })}</dd>
          <dt>{t("operations.health.mail")}</dt>
          <dd>
            {t("operations.health.mailCounts", { queued: health.mail.queued, failed: health.mail.failed, sent: health.mail.sentToday })}
            {health.mail.oldestQueuedAt ? ` · ${t("operations.health.oldest", { at: formatDateTime(health.mail.oldestQueuedAt) })}` : ""}
          </dd>
          <dt>{t("operations.health.jobs")}</dt>
          <dd>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("operations.jobs.queue")}</th>
                  <th scope="col">{t("operations.jobs.lastRun")}</th>
                  <th scope="col">{t("operations.jobs.lastFailure")}</th>
                  <th scope="col" className="num">{t("operations.jobs.backlog")}</th>
                </tr>
              </thead>
              <tbody>
                {health.jobs.map((j) => (
                  <tr key={j.queue}>
                    <td>{j.queue}</td>
                    <td>{formatDateTime(j.lastRun ? String(j.lastRun) : null)}</td>
                    <td>{j.lastFailure ? `${formatDateTime(String(j.lastFailure.at))} ${j.lastFailure.message ?? ""}` : "—"}</td>
                    <td className="num">{j.backlog}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">{t("operations.jobs.title")}</h2>
        <Form method="get" className="filters">
          <label>
            {t("operations.jobs.state")}
            <select name="jobState" defaultValue={query.jobState ?? ""}>
              <option value="">{t("tenants.filters.any")}</option>
              {jobStates.map((s) => (
                <option key={s} value={s}>
                  {t(`jobStates.${s}` as never)}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit">{t("operations.filter")}</Button>
        </Form>
        {operations.jobs.length === 0 ? (
          <p>{t("operations.jobs.none")}</p>
        ) : (
          <table className="data" data-testid="jobs">
            <thead>
              <tr>
                <th scope="col">{t("operations.jobs.queue")}</th>
                <th scope="col">{t("operations.jobs.state")}</th>
                <th scope="col">{t("operations.jobs.created")}</th>
                <th scope="col">{t("operations.jobs.completed")}</th>
                <th scope="col">{t("operations.jobs.message")}</th>
                {canAct ? <th scope="col">{t("operations.jobs.retry")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {operations.jobs.map((j) => (
                <tr key={j.id}>
                  <td>{j.queue}</td>
                  <td>{t(`jobStates.${j.state}` as never, { defaultValue: j.state })}</td>
                  <td>{formatDateTime(j.createdOn)}</td>
                  <td>{formatDateTime(j.completedOn)}</td>
                  <td>{j.message ?? "—"}</td>
                  {canAct ? (
                    <td>
                      {j.state === "failed" ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="retry" />
                          <input type="hidden" name="queue" value={j.queue} />
                          <input type="hidden" name="job" value={j.id} />
                          <label>
                            <input type="checkbox" name="confirm" value="yes" required /> {t("operations.jobs.confirm")}
                          </label>{" "}
                          <Button type="submit" variant="secondary">
                            {t("operations.jobs.retry")}
                          </Button>
                        </Form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">{t("operations.events.title")}</h2>
        <Form method="get" className="filters">
          <label>
            {t("operations.events.kind")}
            <select name="eventKind" defaultValue={query.eventKind ?? ""}>
              <option value="">{t("tenants.filters.any")}</option>
              {EVENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`eventKinds.${k}` as never)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("operations.events.hospital")}
            <select name="eventHospital" defaultValue={query.eventHospital ?? ""}>
              <option value="">{t("tenants.filters.any")}</option>
              {operations.hospitals.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("operations.events.days")}
            <select name="eventDays" defaultValue={String(query.eventDays)}>
              {[1, 7, 30, 90].map((d) => (
                <option key={d} value={d}>
                  {t("operations.events.lastDays", { count: d })}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit">{t("operations.filter")}</Button>
        </Form>
        {operations.events.length === 0 ? (
          <p>{t("operations.events.none")}</p>
        ) : (
          <table className="data" data-testid="security-events">
            <thead>
              <tr>
                <th scope="col">{t("operations.events.at")}</th>
                <th scope="col">{t("operations.events.kind")}</th>
                <th scope="col">{t("operations.events.hospital")}</th>
                <th scope="col">{t("operations.events.route")}</th>
                <th scope="col">{t("operations.events.address")}</th>
              </tr>
            </thead>
            <tbody>
              {operations.events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{t(`eventKinds.${e.kind}` as never)}</td>
                  <td>{e.hospital ? <Link to={`/admin/tenants/${e.hospital.id}`}>{e.hospital.name}</Link> : "—"}</td>
                  <td>
                    <code>{e.route ?? "—"}</code>
                  </td>
                  <td>{e.address ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="anchors-heading">
        <h2 id="anchors-heading">{t("operations.anchors.title")}</h2>
        <p className="muted">
          {t(`operations.anchorStatus.${health.anchor.status === "none" ? "no-anchor" : health.anchor.status === "invalid" ? "invalid-anchor" : "ok"}` as never)}
          {health.anchor.at ? ` · ${formatDateTime(health.anchor.at)}` : ""}
        </p>
        {canAct ? (
          <Form method="post" className="filters" data-testid="verify-form">
            <input type="hidden" name="intent" value="verify" />
            <label>
              {t("operations.events.hospital")}
              <select name="hospital" required defaultValue="">
                <option value="" disabled>
                  {t("operations.anchors.pick")}
                </option>
                {operations.hospitals.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.name}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit">{t("operations.anchors.verify")}</Button>
          </Form>
        ) : null}
        {operations.anchors.length > 0 ? <p className="muted">{t("operations.anchors.shown", { shown: operations.anchors.length, total: operations.anchorTotal })}</p> : null}
        {operations.anchors.length === 0 ? (
          <p>{t("operations.anchors.none")}</p>
        ) : (
          <table className="data" data-testid="anchors">
            <thead>
              <tr>
                <th scope="col">{t("operations.events.hospital")}</th>
                <th scope="col" className="num">{t("operations.anchors.seq")}</th>
                <th scope="col">{t("operations.anchors.hash")}</th>
                <th scope="col" className="num">{t("operations.anchors.anchored")}</th>
                {canAct ? <th scope="col">{t("operations.anchors.verify")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {operations.anchors.map((a) => (
                <tr key={a.hospital.id}>
                  <td>
                    <Link to={`/admin/tenants/${a.hospital.id}`}>{a.hospital.name}</Link>
                  </td>
                  <td className="num">{a.seq}</td>
                  <td>
                    <code>{a.hash.slice(0, 16)}…</code>
                  </td>
                  <td className="num">{a.anchoredSeq ?? "—"}</td>
                  {canAct ? (
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="verify" />
                        <input type="hidden" name="hospital" value={a.hospital.id} />
                        <Button type="submit" variant="secondary" aria-label={t("operations.anchors.verifyOne", { name: a.hospital.name })}>
                          {t("operations.anchors.verify")}
                        </Button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
