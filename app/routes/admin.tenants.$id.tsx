// /admin/tenants/:id: one hospital for the vendor (issue 9; decision 058): profile, trial, set-up progress,
// usage over 30 days (an inline SVG chart with a table beside it), staff (names and roles only), recent
// errors, and the actions. Every action is two steps: the button opens a confirmation (?confirm=...),
// whose form carries confirm=yes; operations and owner staff only; one transaction, audited in the
// console's log and in the hospital's own.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatBytes, formatCount, formatDate, formatDateTime } from "~/admin/console/format";
import {
  extendTrial,
  isTenantAction,
  MAX_TRIAL_EXTENSION_DAYS,
  parseTrialDays,
  reactivateHospital,
  resendInvitation,
  suspendHospital,
  type ActionRefusal,
  type ActionResult,
} from "~/admin/console/tenant-actions.server";
import { getTenantDetail, type UsageDay } from "~/admin/console/tenants.server";
import { clientAddressOf } from "~/auth/guards.server";
import { requireStaff } from "~/auth/staff-session.server";
import { i18next } from "~/i18n/i18next.server";
import { badRequest, notFound } from "~/lib/http-errors";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button, ButtonLink } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["console", "admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The staff roles that may act on a hospital (app/routes.ts says the same for the door test). */
const ACTING_ROLES = ["operations", "owner"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const hospital = await getTenantDetail(params.id ?? "");
  if (!hospital) throw notFound();
  const url = new URL(request.url);
  const confirm = url.searchParams.get("confirm");
  const invitation = url.searchParams.get("invitation");
  const done = url.searchParams.get("done");
  const t = await i18next.getFixedT(request, "console");
  const canAct = (ACTING_ROLES as readonly string[]).includes(staff.role);
  return data({
    title: `${hospital.name} · ${t("tenants.title")}`,
    hospital,
    canAct,
    confirm: canAct && isTenantAction(confirm) ? confirm : null,
    invitation: hospital.invitations.find((i) => i.id === invitation) ?? null,
    done: isTenantAction(done) ? done : null,
    maxDays: MAX_TRIAL_EXTENSION_DAYS,
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, ACTING_ROLES);
  const id = params.id ?? "";
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (!isTenantAction(intent)) throw badRequest();
  if (form.get("confirm") !== "yes") return data({ refusal: "notConfirmed" as const }, { status: 400 });
  const acting = {
    staffUserId: staff.id,
    staffName: staff.displayName,
    address: clientAddressOf(context),
    origin: process.env.APP_ORIGIN || new URL(request.url).origin,
  };
  let result: ActionResult;
  if (intent === "suspend") result = await suspendHospital(id, acting);
  else if (intent === "reactivate") result = await reactivateHospital(id, acting);
  else if (intent === "extend-trial") {
    const days = parseTrialDays(form.get("days"));
    if (days === null) return data({ refusal: "badDays" as const }, { status: 400 });
    result = await extendTrial(id, days, acting);
  } else {
    const invitation = form.get("invitation");
    result = await resendInvitation(id, typeof invitation === "string" ? invitation : "", acting);
  }
  if (!result.ok) {
    if (result.refusal === "notFound") throw notFound();
    return data({ refusal: result.refusal }, { status: 409 });
  }
  return redirect(`/admin/tenants/${id}?done=${intent}`);
}

type Refusal = ActionRefusal | "notConfirmed";

export default function TenantPage() {
  const { t, i18n } = useTranslation(["console", "admin"]);
  const english = i18n.language === "en";
  const { hospital, canAct, confirm, invitation, done, maxDays } = useLoaderData<typeof loader>();
  const refused = (useActionData<typeof action>() as { refusal: Refusal } | undefined)?.refusal;
  const self = `/admin/tenants/${hospital.id}`;
  const trialOver = hospital.trialEndsAt !== null && new Date(hospital.trialEndsAt).getTime() < Date.now();
  const suspended = hospital.status === "read_only" || hospital.status === "suspended";
  return (
    <>
      <PageHeader
        title={hospital.name}
        back={{ to: "/admin/tenants", label: t("tenant.back") }}
        actions={
          <ButtonLink to={`/admin/support/new?hospital=${hospital.id}`} variant="secondary">
            {t("tenant.requestSupport")}
          </ButtonLink>
        }
      />
      {done ? (
        <Banner tone="ok" focus data-testid="tenant-done">
          {t(`actions.done.${done}` as never)}
        </Banner>
      ) : null}
      {refused ? (
        <Banner tone="error" focus data-testid="tenant-refused">
          {t(`actions.refused.${refused}` as never, { max: maxDays })}
        </Banner>
      ) : null}

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("tenant.profile")}</h2>
        <dl className="facts">
          <dt>{t("tenant.slug")}</dt>
          <dd>{hospital.slug}</dd>
          <dt>{t("tenant.facilityCode")}</dt>
          <dd>{hospital.facilityCode ?? "—"}</dd>
          <dt>{t("tenant.province")}</dt>
          <dd>
            {hospital.province ?? "—"}
            {hospital.ward ? ` · ${hospital.ward}` : ""}
          </dd>
          <dt>{t("tenant.created")}</dt>
          <dd>{formatDateTime(hospital.createdAt)}</dd>
          <dt>{t("tenant.verified")}</dt>
          <dd>{hospital.verifiedAt ? formatDateTime(hospital.verifiedAt) : t("tenant.notVerified")}</dd>
          <dt>{t("tenant.status")}</dt>
          <dd data-testid="tenant-status">{t(`status.${hospital.status}` as never)}</dd>
          <dt>{t("tenant.plan")}</dt>
          <dd data-testid="tenant-trial">
            {hospital.trialEndsAt
              ? t(trialOver ? "tenant.trialEnded" : "tenant.trialUntil", { date: formatDate(hospital.trialEndsAt) })
              : t("tenant.noTrial")}{" "}
            <span className="muted">{t("tenant.noBilling")}</span>
          </dd>
        </dl>
      </section>

      {canAct ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("actions.title")}</h2>
          {confirm ? (
            <ConfirmAction intent={confirm} self={self} invitation={invitation} maxDays={maxDays} />
          ) : (
            <p className="actions-row">
              {suspended ? (
                <ButtonLink to={`${self}?confirm=reactivate`}>{t("actions.reactivate")}</ButtonLink>
              ) : (
                <ButtonLink to={`${self}?confirm=suspend`}>{t("actions.suspend")}</ButtonLink>
              )}{" "}
              <ButtonLink to={`${self}?confirm=extend-trial`}>{t("actions.extendTrial")}</ButtonLink>
            </p>
          )}
        </section>
      ) : (
        <p className="muted">{t("actions.readOnlyRole")}</p>
      )}

      <section aria-labelledby="setup-heading">
        <h2 id="setup-heading">{t("tenant.setup")}</h2>
        <p>
          {hospital.setup.next
            ? t("tenants.setupAt", { done: hospital.setup.done, total: hospital.setup.total, step: t(`steps.${hospital.setup.next}` as never) })
            : t("tenants.setupDone")}
        </p>
        {hospital.status === "onboarding" || hospital.setup.done > 0 ? (
        <ol className="setup-steps">
          {hospital.setup.steps.map((s) => (
            <li key={s.segment}>
              {t(`steps.${s.segment}` as never)}: {s.done ? t("tenant.stepDone") : t("tenant.stepOpen")}
            </li>
          ))}
        </ol>
        ) : null}
      </section>

      <section aria-labelledby="usage-heading">
        <h2 id="usage-heading">{t("tenant.usage")}</h2>
        {hospital.stats ? (
          <>
            <dl className="facts">
              <dt>{t("tenants.columns.staff")}</dt>
              <dd>{formatCount(hospital.stats.staff)}</dd>
              <dt>{t("tenants.columns.patients")}</dt>
              <dd>{formatCount(hospital.stats.patients)}</dd>
              <dt>{t("tenants.columns.visits7d")}</dt>
              <dd>{formatCount(hospital.stats.visits7d)}</dd>
              <dt>{t("tenants.columns.lastActivity")}</dt>
              <dd>{formatDateTime(hospital.stats.lastActivityAt)}</dd>
              <dt>{t("tenants.columns.size")}</dt>
              <dd>
                {formatBytes(hospital.stats.approxBytes)} <span className="muted">{t("tenant.sizeEstimate")}</span>
              </dd>
              <dt>{t("tenants.columns.template")}</dt>
              <dd>{hospital.stats.template ? `${hospital.stats.template.code} ${hospital.stats.template.version ?? ""}` : "—"}</dd>
            </dl>
            <p className="muted">{t("tenants.updatedAt", { at: formatDateTime(hospital.stats.refreshedAt) })}</p>
          </>
        ) : (
          <p className="muted">{t("tenants.notRefreshed")}</p>
        )}
        <UsageChart days={hospital.usage} />
      </section>

      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t("tenant.staff")}</h2>
        {hospital.staff.length === 0 ? (
          <p>{t("tenant.noStaff")}</p>
        ) : (
          <table className="data" data-testid="tenant-staff">
            <thead>
              <tr>
                <th scope="col">{t("tenant.staffName")}</th>
                <th scope="col">{t("tenant.staffRoles")}</th>
                <th scope="col">{t("tenant.staffActive")}</th>
              </tr>
            </thead>
            <tbody>
              {hospital.staff.map((m, i) => (
                <tr key={i}>
                  <td>{m.name}</td>
                  <td>{m.roles.map((r) => (english ? r.en : r.vi)).join(", ")}</td>
                  <td>{m.active ? t("tenant.yes") : t("tenant.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{t("tenant.invitations")}</h3>
        {hospital.invitations.length === 0 ? (
          <p>{t("tenant.noInvitations")}</p>
        ) : (
          <table className="data" data-testid="tenant-invitations">
            <thead>
              <tr>
                <th scope="col">{t("tenant.staffName")}</th>
                <th scope="col">{t("tenant.email")}</th>
                <th scope="col">{t("tenant.staffRoles")}</th>
                <th scope="col">{t("tenant.expires")}</th>
                {canAct ? <th scope="col">{t("actions.title")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {hospital.invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.name}</td>
                  <td>{i.email}</td>
                  <td>{i.role}</td>
                  <td>{formatDateTime(i.expiresAt)}</td>
                  {canAct ? (
                    <td>
                      <Link to={`${self}?confirm=resend-invitation&invitation=${i.id}`}>{t("actions.resend")}</Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="errors-heading">
        <h2 id="errors-heading">{t("tenant.errors")}</h2>
        {hospital.securityEvents.length === 0 ? (
          <p>{t("tenant.noErrors")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("operations.events.at")}</th>
                <th scope="col">{t("operations.events.kind")}</th>
                <th scope="col">{t("operations.events.route")}</th>
                <th scope="col">{t("operations.events.address")}</th>
              </tr>
            </thead>
            <tbody>
              {hospital.securityEvents.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{t(`eventKinds.${e.kind}` as never)}</td>
                  <td>
                    <code>{e.route ?? "—"}</code>
                  </td>
                  <td>{e.address ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {hospital.failedJobs.length > 0 ? (
          <ul data-testid="tenant-failed-jobs">
            {hospital.failedJobs.map((j) => (
              <li key={j.id}>
                {formatDateTime(j.at)}: {j.queue} {j.message ?? ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("tenant.failedJobsNote")}</p>
        )}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("tenant.history")}</h2>
        {hospital.consoleActions.length === 0 ? (
          <p>{t("tenant.noHistory")}</p>
        ) : (
          <ul data-testid="tenant-history">
            {hospital.consoleActions.map((a) => (
              <li key={a.id}>
                {formatDateTime(a.at)}: {t(`history.${a.action}` as never, { defaultValue: a.action })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ConfirmAction({
  intent,
  self,
  invitation,
  maxDays,
}: {
  intent: string;
  self: string;
  invitation: { id: string; email: string; name: string } | null;
  maxDays: number;
}) {
  const { t } = useTranslation("console");
  if (intent === "resend-invitation" && !invitation) return <p>{t("actions.refused.invitationGone")}</p>;
  return (
    <Form method="post" action={self} className="confirm-action" data-testid="confirm-action">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="confirm" value="yes" />
      {invitation ? <input type="hidden" name="invitation" value={invitation.id} /> : null}
      <p>
        <strong>{t(`actions.confirm.${intent}` as never, { email: invitation?.email ?? "", name: invitation?.name ?? "" })}</strong>
      </p>
      {intent === "extend-trial" ? (
        <label>
          {t("actions.days", { max: maxDays })}
          <input type="number" name="days" min={1} max={maxDays} defaultValue={30} required />
        </label>
      ) : null}
      <p className="actions-row">
        <Button type="submit">{t("actions.confirmButton")}</Button> <Link to={self}>{t("actions.cancel")}</Link>
      </p>
    </Form>
  );
}

const CHART = { width: 640, height: 160, pad: 24 };

/** Visits per day as bars, active people as a line: server-rendered SVG, the same numbers in a table. */
function UsageChart({ days }: { days: UsageDay[] }) {
  const { t } = useTranslation("console");
  const max = Math.max(1, ...days.map((d) => Math.max(d.visits, d.activeStaff)));
  const step = (CHART.width - CHART.pad) / days.length;
  const y = (value: number) => CHART.height - CHART.pad - (value / max) * (CHART.height - 2 * CHART.pad);
  const line = days.map((d, i) => `${(CHART.pad + i * step + step / 2).toFixed(1)},${y(d.activeStaff).toFixed(1)}`).join(" ");
  const total = days.reduce((sum, d) => sum + d.visits, 0);
  return (
    <figure className="usage-chart">
      <svg
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        width="100%"
        role="img"
        aria-labelledby="usage-chart-title"
        data-testid="usage-chart"
        style={{ maxWidth: CHART.width }}
      >
        <title id="usage-chart-title">{t("tenant.chartTitle", { days: days.length, visits: total })}</title>
        <line x1={CHART.pad} x2={CHART.width} y1={CHART.height - CHART.pad} y2={CHART.height - CHART.pad} stroke="currentColor" strokeWidth={1} />
        <text x={0} y={CHART.pad} fontSize={10} fill="currentColor">
          {max}
        </text>
        {days.map((d, i) => (
          <rect
            key={d.day}
            x={CHART.pad + i * step + 1}
            y={y(d.visits)}
            width={Math.max(1, step - 2)}
            height={CHART.height - CHART.pad - y(d.visits)}
            fill="#2b6cb0"
          >
            <title>{t("tenant.chartBar", { day: d.day, visits: d.visits, people: d.activeStaff })}</title>
          </rect>
        ))}
        <polyline points={line} fill="none" stroke="#c05621" strokeWidth={2} />
        <text x={CHART.pad} y={CHART.height - 6} fontSize={10} fill="currentColor">
          {days[0]?.day}
        </text>
        <text x={CHART.width - 70} y={CHART.height - 6} fontSize={10} fill="currentColor">
          {days.at(-1)?.day}
        </text>
      </svg>
      <figcaption className="muted">{t("tenant.chartLegend")}</figcaption>
      <details>
        <summary>{t("tenant.chartTable")}</summary>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("tenant.day")}</th>
              <th scope="col" className="num">{t("tenant.visits")}</th>
              <th scope="col" className="num">{t("tenant.registered")}</th>
              <th scope="col" className="num">{t("tenant.activePeople")}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td className="num">{d.visits}</td>
                <td className="num">{d.patientsRegistered}</td>
                <td className="num">{d.activeStaff}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
