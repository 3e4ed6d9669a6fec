// /h/:hospital/settings/staff/:membershipId: one member's roles and access. Each form carries the version
// of the membership it was read at; a colleague's save in between is a visible conflict. Deactivating
// ends every session of that person at once (decision 038); their next request is refused.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFoundInHospital, requireMember } from "~/auth/guards.server";
import { invalidateUserSessions } from "~/auth/session.server";
import { i18next } from "~/i18n/i18next.server";
import { conflictResponse, isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import { badRequest } from "~/lib/http-errors";
import { readFormData } from "~/server/read-form-data.server";
import { changeMemberRoles, deactivateMember, getMember, reactivateMember, type Member } from "~/staff/members.server";
import { describePeople } from "~/staff/people-of.server";
import { roleName } from "~/staff/role-name";
import { listRoles } from "~/staff/roles.server";
import { isStaffRuleError, type StaffRefusal } from "~/staff/staff-errors";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["staff", "errors"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const INTENTS = ["roles", "deactivate", "reactivate"] as const;
type Intent = (typeof INTENTS)[number];
const isIntent = (value: unknown): value is Intent => typeof value === "string" && (INTENTS as readonly string[]).includes(value);

const memberPath = (slug: string, id: string) => `/h/${slug}/settings/staff/${id}`;

type MemberView = { id: string; roles: string[]; active: boolean; deactivatedAt: string | null; version: number };
/** What an action answers when it refuses: why, and after a conflict the latest saved membership. */
type Refused = { refusal: StaffRefusal | "conflict"; latest: MemberView | null };

/** What the page shows of a membership (dates as text: the loader's answer is JSON). */
function memberView(m: Member): MemberView {
  return { id: m.id, roles: m.roles, active: m.active, deactivatedAt: m.deactivatedAt ? formatDate(m.deactivatedAt) : null, version: m.version };
}

function formatDate(at: Date): string {
  // dd/MM/yyyy HH:mm in Vietnam (docs/architecture.md §9).
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(at);
  return parts.replace(",", "");
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const found = await member.tx(async (t) => {
    const row = await getMember(t, params.membershipId ?? "");
    return row && { row, roles: await listRoles(t) };
  });
  if (!found) throw await notFoundInHospital(request, member);
  const person = (await describePeople([found.row.userId])).get(found.row.userId);
  const t = await i18next.getFixedT(request, "staff");
  const language = await i18next.getLocale(request);
  const name = person?.displayName ?? t("staff.unknownPerson");
  return data({
    title: `${name} · ${t("staff.title")} · ${member.hospital.name}`,
    slug: member.hospital.slug,
    person: { name, email: person?.email ?? "" },
    member: memberView(found.row),
    roles: found.roles.map((role) => ({ code: role.code, name: roleName(role, language), active: role.active })),
    done: readDone(new URL(request.url).searchParams.get("done")),
    isSelf: found.row.userId === member.user.id,
  });
}

function readDone(value: string | null): Intent | null {
  return isIntent(value) ? value : null;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "staff:manage");
  const id = params.membershipId ?? "";
  const form = await readFormData(request);
  const version = parseExpectedVersion(form.get("version"));
  const intent = form.get("intent");
  // Our own forms always send both; without the version an edit could overwrite blindly.
  if (version === null || !isIntent(intent)) throw badRequest();
  const roles = form.getAll("roles").filter((value): value is string => typeof value === "string");

  try {
    let changed: Member | null;
    if (intent === "roles") changed = await member.tx((t) => changeMemberRoles(t, id, version, roles));
    else if (intent === "deactivate") changed = await member.tx((t) => deactivateMember(t, id, version));
    else changed = await member.tx((t) => reactivateMember(t, id, version));
    if (!changed) throw await notFoundInHospital(request, member);
    // After the membership is inactive (committed): even if this failed, the door already refuses them.
    if (intent === "deactivate") await invalidateUserSessions(changed.userId);
    return redirect(`${memberPath(member.hospital.slug, id)}?done=${intent}`);
  } catch (error) {
    if (isStaleWriteError(error)) {
      const latest = await member.tx((t) => getMember(t, id));
      if (!latest) throw await notFoundInHospital(request, member);
      return conflictResponse(error, { refusal: "conflict", latest: memberView(latest) } satisfies Refused);
    }
    if (isStaffRuleError(error)) return data({ refusal: error.reason, latest: null } satisfies Refused, { status: 400 });
    throw error;
  }
}

export default function MemberSettings() {
  const { t } = useTranslation(["staff", "errors"]);
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Refused | undefined;
  const location = useLocation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  // After a conflict, the latest saved membership, even before the loader runs again.
  const shown = result?.latest ?? loaded.member;
  const action = memberPath(loaded.slug, shown.id);
  const heldInactive = shown.roles.filter((code) => !loaded.roles.some((role) => role.code === code && role.active));

  return (
    <div className="member-settings">
      <PageHeader back={{ to: `/h/${loaded.slug}/settings/staff`, label: t("member.back") }} title={loaded.person.name} />

      {result ? (
        <Banner key={`${location.key}-refusal`} tone="error" focus data-testid="refusal-banner">
          {t(`errors.${result.refusal}`)}
        </Banner>
      ) : loaded.done ? (
        <Banner key={location.key} tone="ok" focus data-testid="saved-banner">
          {loaded.done === "roles" ? t("member.saved") : loaded.done === "deactivate" ? t("member.deactivated") : t("member.reactivated")}
        </Banner>
      ) : null}

      <div className="settings-columns">
        <section className="panel" aria-labelledby="member-summary-heading">
          <h2 id="member-summary-heading">{t("member.summary")}</h2>
          <dl>
            <dt>{t("staff.email")}</dt>
            <dd>{loaded.person.email}</dd>
            <dt>{t("staff.status")}</dt>
            <dd data-testid="member-status">
              {shown.active ? t("staff.active") : shown.deactivatedAt ? t("member.inactiveSince", { date: shown.deactivatedAt }) : t("staff.inactive")}
            </dd>
          </dl>
        </section>

        <section className="panel" aria-labelledby="member-roles-heading">
          <h2 id="member-roles-heading">{t("member.rolesTitle")}</h2>
          <Form method="post" action={action} key={`roles-${shown.version}`}>
            <input type="hidden" name="intent" value="roles" />
            <input type="hidden" name="version" value={shown.version} />
            <fieldset className="field field-checkboxes" aria-describedby="member-roles-hint">
              <legend>{t("member.rolesLegend")}</legend>
              <p className="hint" id="member-roles-hint">
                {t("member.rolesHint")}
              </p>
              {loaded.roles
                .filter((role) => role.active || heldInactive.includes(role.code))
                .map((role) => (
                  <label key={role.code} className="field-choice">
                    <input type="checkbox" name="roles" value={role.code} defaultChecked={shown.roles.includes(role.code)} /> {role.name}
                    {role.active ? null : <span className="muted"> ({t("roles.inactive")})</span>}
                  </label>
                ))}
            </fieldset>
            <Button type="submit" disabled={busy}>
              {t("member.save")}
            </Button>
          </Form>
        </section>

        <section className="panel" aria-labelledby="member-access-heading">
          <h2 id="member-access-heading">{t("member.accessTitle")}</h2>
          <Form method="post" action={action} key={`access-${shown.version}`}>
            <input type="hidden" name="version" value={shown.version} />
            {shown.active ? (
              <>
                <p>{t("member.deactivateIntro")}</p>
                <Button type="submit" name="intent" value="deactivate" variant="secondary" disabled={busy} data-testid="deactivate">
                  {t("member.deactivate")}
                </Button>
              </>
            ) : (
              <>
                <p>{t("member.reactivateIntro")}</p>
                <Button type="submit" name="intent" value="reactivate" variant="secondary" disabled={busy}>
                  {t("member.reactivate")}
                </Button>
              </>
            )}
          </Form>
        </section>
      </div>
    </div>
  );
}
