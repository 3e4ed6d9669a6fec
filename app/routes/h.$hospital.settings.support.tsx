// /h/:hospital/settings/support: the vendor's support requests for this hospital (decision 059). The
// hospital's administrators (staff:manage: deciding who may enter is a staff decision) approve or refuse
// a pending request and revoke an active one at any time; each decision is one transaction, checked by
// support_grant_decide() and recorded in the hospital's audit log. Only this hospital's grants are ever
// read: the table's policy for the tenant role shows no other.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { badRequest } from "~/lib/http-errors";
import { readFormData } from "~/server/read-form-data.server";
import { describePeople } from "~/staff/people-of.server";
import { decideSupportGrant, isGrantId, listHospitalGrants, peopleOnGrants, type SupportDecision } from "~/support/grants.server";
import { formatVietnamTime } from "~/support/format-time";
import { isSupportPreset } from "~/support/presets";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["support", "staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const DECISIONS = ["approve", "refuse", "revoke"] as const;
const isDecision = (value: unknown): value is SupportDecision => typeof value === "string" && (DECISIONS as readonly string[]).includes(value);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const grants = await member.tx(listHospitalGrants);
  const people = await describePeople(peopleOnGrants(grants));
  const t = await i18next.getFixedT(request, "support");
  const name = (id: string | null) => (id ? (people.get(id)?.displayName ?? id) : null);
  const rows = grants.map((g) => ({
    id: g.id,
    staff: name(g.staffUserId) ?? "",
    reason: g.reason,
    preset: isSupportPreset(g.preset) ? g.preset : null,
    hours: g.durationMinutes / 60,
    state: g.state,
    requestedAt: formatVietnamTime(g.requestedAt),
    until: g.expiresAt ? formatVietnamTime(g.expiresAt) : null,
    decidedBy: name(g.revokedBy ?? g.decidedBy),
    emergency: g.emergency,
  }));
  const url = new URL(request.url);
  const done = url.searchParams.get("done");
  return data({
    title: `${t("hospital.title")} · ${member.hospital.name}`,
    slug: member.hospital.slug,
    pending: rows.filter((r) => r.state === "requested"),
    active: rows.filter((r) => r.state === "approved"),
    past: rows.filter((r) => r.state !== "requested" && r.state !== "approved"),
    done: isDecision(done) ? done : null,
    doneUntil: done === "approve" ? (rows.find((r) => r.id === url.searchParams.get("grant"))?.until ?? null) : null,
    readOnlyForSupport: member.actor.kind === "support",
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const form = await readFormData(request);
  const grantId = form.get("grant");
  const decision = form.get("decision");
  if (!isGrantId(grantId) || !isDecision(decision)) throw badRequest();
  // Support staff never decide on support access, even under a grant that names staff:manage.
  if (member.actor.kind !== "user") return data({ refusal: "ownRequest" as const }, { status: 403 });
  const result = await member.tx((t) => decideSupportGrant(t, grantId, decision));
  if (result === "ok") return redirect(`/h/${member.hospital.slug}/settings/support?done=${decision}&grant=${grantId}`);
  if (result === "not-found") throw new Response(null, { status: 404, statusText: "Not Found" });
  return data({ refusal: result === "own-request" ? ("ownRequest" as const) : ("notPending" as const) }, { status: 409 });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["pending"][number];

export default function SupportSettings() {
  const { t } = useTranslation(["support"]);
  const loaded = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const location = useLocation();
  const busy = useNavigation().state !== "idle";
  const decideForm = (row: Row, decisions: SupportDecision[]) =>
    loaded.readOnlyForSupport ? null : (
      <Form method="post" className="inline-actions">
        <input type="hidden" name="grant" value={row.id} />
        {decisions.map((decision) => (
          <Button key={decision} type="submit" name="decision" value={decision} variant={decision === "approve" ? "primary" : "secondary"} disabled={busy} data-testid={`${decision}-${row.id}`}>
            {t(`hospital.${decision}`)}
          </Button>
        ))}
      </Form>
    );
  const table = (rows: Row[], caption: string, testId: string, actions?: SupportDecision[]) => (
    <table className="data" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("hospital.staff")}</th>
          <th scope="col">{t("hospital.reason")}</th>
          <th scope="col">{t("hospital.preset")}</th>
          <th scope="col">{t("hospital.duration")}</th>
          <th scope="col">{t("hospital.requestedAt")}</th>
          <th scope="col">{t("hospital.until")}</th>
          <th scope="col">{t("hospital.state")}</th>
          {actions ? <th scope="col"><span className="visually-hidden">{t("hospital.approve")}</span></th> : <th scope="col">{t("hospital.decidedBy")}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid={`grant-${row.id}`}>
            <td>
              {row.staff}
              {row.emergency ? <div className="muted">{t("hospital.emergency")}</div> : null}
            </td>
            <td>{row.reason}</td>
            <td>{row.preset ? t(`presets.${row.preset}`) : "—"}</td>
            <td>{t("minutes", { hours: row.hours })}</td>
            <td>{row.requestedAt}</td>
            <td>{row.until ?? "—"}</td>
            <td>{t(`states.${row.state}`)}</td>
            <td>{actions ? decideForm(row, actions) : (row.decidedBy ?? "—")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const empty = loaded.pending.length + loaded.active.length + loaded.past.length === 0;
  return (
    <div className="support-settings">
      <PageHeader title={t("hospital.title")} intro={t("hospital.intro")} />
      {refused ? (
        <Banner key={`${location.key}-refused`} tone="error" focus data-testid="refusal-banner">
          {t(`hospital.${refused.refusal}`)}
        </Banner>
      ) : loaded.done ? (
        <Banner key={location.key} tone="ok" focus data-testid="saved-banner">
          {loaded.done === "approve" ? t("hospital.approved", { time: loaded.doneUntil ?? "" }) : loaded.done === "refuse" ? t("hospital.refused") : t("hospital.revoked")}
        </Banner>
      ) : null}
      {empty ? <EmptyState title={t("hospital.empty")} /> : null}
      {loaded.pending.length > 0 ? table(loaded.pending, t("hospital.pending"), "pending-grants", ["approve", "refuse"]) : null}
      {loaded.active.length > 0 ? table(loaded.active, t("hospital.active"), "active-grants", ["revoke"]) : null}
      {loaded.past.length > 0 ? table(loaded.past, t("hospital.past"), "past-grants") : null}
      <p>
        <Link to={`/h/${loaded.slug}/settings/audit?support=1`}>{t("hospital.auditLink")}</Link>
      </p>
    </div>
  );
}
