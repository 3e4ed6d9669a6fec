// /admin/support: the staff member's own support requests (pending, active, past), the way into a
// hospital while a grant lasts, withdrawing a request or ending access early; for owners, the emergency
// requests waiting for a confirmation (decision 059). Staff never approve a request: the hospital does.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/auth/staff-session.server";
import { i18next } from "~/i18n/i18next.server";
import { badRequest } from "~/lib/http-errors";
import { readFormData } from "~/server/read-form-data.server";
import { confirmEmergencyGrant, isGrantId, listStaffGrants, withdrawSupportGrant, type StaffGrantRow } from "~/support/grants.server";
import { formatVietnamTime } from "~/support/format-time";
import { isSupportPreset } from "~/support/presets";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["admin", "support"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const DONE = ["requested", "withdrawn", "ended", "confirmed", "approved"] as const;
type Done = (typeof DONE)[number];

function view(g: StaffGrantRow) {
  return {
    id: g.id,
    hospital: g.hospitalName,
    slug: g.hospitalSlug,
    staff: g.staffName,
    reason: g.reason,
    preset: isSupportPreset(g.preset) ? g.preset : null,
    hours: g.durationMinutes / 60,
    state: g.state,
    requestedAt: formatVietnamTime(g.requestedAt),
    until: g.expiresAt ? formatVietnamTime(g.expiresAt) : null,
    emergency: g.emergency,
    confirmations: g.emergencyConfirmedBy.length,
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const { mine, emergencies } = await listStaffGrants(staff.id, { emergencies: staff.role === "owner" });
  const t = await i18next.getFixedT(request, "support");
  const done = new URL(request.url).searchParams.get("done");
  return data({
    title: t("staff.title"),
    mine: mine.map(view),
    emergencies: emergencies.map(view),
    isOwner: staff.role === "owner",
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  const form = await readFormData(request);
  const grantId = form.get("grant");
  const intent = form.get("intent");
  if (!isGrantId(grantId)) throw badRequest();
  if (intent === "withdraw") {
    const result = await withdrawSupportGrant(grantId, staff.id);
    if (result === "cancelled") return redirect("/admin/support?done=withdrawn");
    if (result === "ended") return redirect("/admin/support?done=ended");
    return data({ refusal: "staff.notPending" as const }, { status: 409 });
  }
  if (intent === "confirm") {
    const result = await confirmEmergencyGrant(grantId, staff.id, new URL(request.url).origin);
    if (result === "confirmed") return redirect("/admin/support?done=confirmed");
    if (result === "approved") return redirect("/admin/support?done=approved");
    const refusal =
      result === "requester"
        ? ("staff.emergencies.requester" as const)
        : result === "already-confirmed"
          ? ("staff.emergencies.alreadyConfirmed" as const)
          : result === "not-owner"
            ? ("staff.emergencies.notOwner" as const)
            : ("staff.notPending" as const);
    return data({ refusal }, { status: result === "not-owner" ? 403 : 409 });
  }
  throw badRequest();
}

type Row = ReturnType<typeof view>;

export default function SupportRequests() {
  const { t } = useTranslation(["support"]);
  const { mine, emergencies, isOwner, done } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const location = useLocation();
  const busy = useNavigation().state !== "idle";
  const doneText: Record<Done, string> = {
    requested: t("staff.requested"),
    withdrawn: t("staff.withdrawn"),
    ended: t("staff.ended"),
    confirmed: t("staff.emergencies.confirmed"),
    approved: t("staff.emergencies.approved"),
  };
  const grantForm = (row: Row, intent: "withdraw" | "confirm", label: string) => (
    <Form method="post" className="inline-actions">
      <input type="hidden" name="grant" value={row.id} />
      <Button type="submit" name="intent" value={intent} variant="secondary" disabled={busy} data-testid={`${intent}-${row.id}`}>
        {label}
      </Button>
    </Form>
  );
  return (
    <div className="support-requests">
      <PageHeader
        title={t("staff.title")}
        intro={t("staff.intro")}
      />
      {refused ? (
        <Banner key={`${location.key}-refused`} tone="error" focus data-testid="refusal-banner">
          {t(refused.refusal)}
        </Banner>
      ) : done ? (
        <Banner key={location.key} tone="ok" focus data-testid="saved-banner">
          {doneText[done]}
        </Banner>
      ) : null}
      {mine.length === 0 ? (
        <EmptyState title={t("staff.empty")} />
      ) : (
        <table className="data" data-testid="my-grants">
          <caption className="visually-hidden">{t("staff.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.hospital")}</th>
              <th scope="col">{t("staff.reason")}</th>
              <th scope="col">{t("staff.preset")}</th>
              <th scope="col">{t("staff.duration")}</th>
              <th scope="col">{t("staff.requestedAt")}</th>
              <th scope="col">{t("staff.until")}</th>
              <th scope="col">{t("staff.state")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("staff.open")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {mine.map((row) => (
              <tr key={row.id} data-testid={`my-grant-${row.id}`}>
                <td>
                  {row.hospital}
                  {row.emergency ? <div className="muted">{t("staff.emergencyBadge")}</div> : null}
                </td>
                <td>{row.reason}</td>
                <td>{row.preset ? t(`presets.${row.preset}`) : "—"}</td>
                <td>{t("minutes", { hours: row.hours })}</td>
                <td>{row.requestedAt}</td>
                <td>{row.until ?? "—"}</td>
                <td>{t(`states.${row.state}`)}</td>
                <td>
                  {row.state === "approved" ? (
                    <div className="inline-actions">
                      {/* A full page load: the hospital's pages are another door (app/auth/guards.server.ts). */}
                      <a href={`/h/${row.slug}/patients`} className="button button-primary" data-testid={`open-${row.id}`}>
                        {t("staff.open")}
                      </a>
                      {grantForm(row, "withdraw", t("staff.end"))}
                    </div>
                  ) : row.state === "requested" ? (
                    grantForm(row, "withdraw", t("staff.withdraw"))
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isOwner ? (
        <section className="panel" aria-labelledby="emergencies-heading">
          <h2 id="emergencies-heading">{t("staff.emergencies.title")}</h2>
          <p>{t("staff.emergencies.intro")}</p>
          {emergencies.length === 0 ? null : (
            <table className="data" data-testid="emergency-grants">
              <caption className="visually-hidden">{t("staff.emergencies.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("staff.hospital")}</th>
                  <th scope="col">{t("staff.reason")}</th>
                  <th scope="col">{t("staff.duration")}</th>
                  <th scope="col">{t("staff.state")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("staff.emergencies.confirm")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {emergencies.map((row) => (
                  <tr key={row.id}>
                    <td>
                      {row.hospital} · {row.staff}
                    </td>
                    <td>{row.reason}</td>
                    <td>{t("minutes", { hours: row.hours })}</td>
                    <td>{t("staff.emergencies.confirmations", { count: row.confirmations })}</td>
                    <td>{grantForm(row, "confirm", t("staff.emergencies.confirm"))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      <p>
        <Link to="/admin/support/new">{t("staff.new")}</Link>
      </p>
    </div>
  );
}
