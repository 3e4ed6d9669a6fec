// The screens of the template capability, shared by the wizard's steps (2, 3, 5) and the settings pages:
// each editor is the same component in both, inside a StepFrame or a SettingsFrame. Every row edit is
// its own small form (the inputs of a table row point at it with the `form` attribute), so it works
// without JavaScript, and carries the version it was read at (decision 007).
import { Form, Link, useActionData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RoomKind, ServiceKind } from "~db/schema";
import { Banner } from "~/ui/banner";
import { Button, ButtonLink } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { Field } from "~/ui/field";
import { PageHeader } from "~/ui/page-header";
import type { NoteField } from "./template-schema";

/** What an action answered when it did not redirect (EditorResult of settings-pages.server.ts). */
type Result =
  | { kind: "conflict"; code: string; typed: string }
  | { kind: "duplicate"; code: string }
  | { kind: "invalid"; what: string }
  | { kind: "notFound" }
  | { kind: "unknownTemplate" }
  | { kind: "nothingChosen" }
  | { kind: "csvFile"; problem: "empty" | "tooLarge" | "notUtf8" | "unreadable" | "columns" | "tooManyRows" | "missing" }
  | { kind: "csvRows"; rows: { line: number; column: string; problem: "code" | "name" | "nationalCode" | "kind" | "price" | "duplicate"; value: string }[] };

/** The outcome of the last submit: the action's refusal, or the banner after a redirect. */
export function Outcome() {
  const { t } = useTranslation("templates");
  const result = useActionData<Result>();
  const [params] = useSearchParams();
  const location = useLocation();
  if (!result) {
    if (params.has("saved")) return <Banner key={location.key} tone="ok" focus data-testid="saved-banner">{t("saved")}</Banner>;
    if (params.has("updated"))
      return (
        <Banner key={location.key} tone="ok" focus data-testid="imported-banner">
          {t("services.imported", { added: Number(params.get("added")), updated: Number(params.get("updated")) })}
        </Banner>
      );
    return null;
  }
  switch (result.kind) {
    case "conflict":
      return <Banner tone="error" focus data-testid="conflict-banner">{t("conflict", { code: result.code, typed: result.typed })}</Banner>;
    case "duplicate":
      return <Banner tone="error" focus>{t("duplicateCode", { code: result.code })}</Banner>;
    case "invalid":
      return <Banner tone="error" focus>{t("invalid", { what: result.what })}</Banner>;
    case "notFound":
      return <Banner tone="error" focus>{t("notFound")}</Banner>;
    case "unknownTemplate":
      return <Banner tone="error" focus>{t("choose.unknown")}</Banner>;
    case "nothingChosen":
      return <Banner tone="error" focus>{t("upgrade.nothingChosen")}</Banner>;
    case "csvFile":
      return <Banner tone="error" focus data-testid="csv-error">{t(`csvFile.${result.problem}`)}</Banner>;
    case "csvRows":
      return (
        <Banner tone="error" focus data-testid="csv-row-errors">
          <p>{t("services.rowErrors", { count: result.rows.length })}</p>
          <table className="data">
            <caption className="visually-hidden">{t("services.rowErrorsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("services.line")}</th>
                <th scope="col">{t("services.column")}</th>
                <th scope="col">{t("services.value")}</th>
                <th scope="col">{t("services.problem")}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={`${row.line}-${row.column}`}>
                  <td>{row.line}</td>
                  <td>{row.column}</td>
                  <td>{row.value}</td>
                  <td>{t(`csvRow.${row.problem}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Banner>
      );
  }
}

/** A wizard step inside the wizard's frame (app/routes/h.$hospital.setup.tsx shows "step N of 6" and the
 * progress, once): the editor, back and Continue. */
export function StepFrame({ title, intro, back, next, children }: { step: number; title: string; intro: string; back: string; next: string; children: ReactNode }) {
  const { t } = useTranslation("templates");
  return (
    <div className="template-page">
      <PageHeader title={title} intro={intro} />
      <Outcome />
      {children}
      <p className="template-step-nav">
        <ButtonLink to={back} variant="secondary">{t("wizard.back")}</ButtonLink>{" "}
        <ButtonLink to={next} variant="primary" data-testid="wizard-continue">{t("wizard.continue")}</ButtonLink>
      </p>
    </div>
  );
}

/** A settings page: a way back to the settings area, the editor. */
export function SettingsFrame({ hospitalSlug, title, intro, children }: { hospitalSlug: string; title: string; intro: string; children: ReactNode }) {
  const { t } = useTranslation("settings");
  return (
    <div className="template-page">
      <PageHeader back={{ to: `/h/${hospitalSlug}/settings`, label: t("back") }} title={title} intro={intro} />
      <Outcome />
      {children}
    </div>
  );
}

function RowForm({ id, intent, rowId, version, label }: { id: string; intent: string; rowId: string; version: number; label: string }) {
  return (
    <Form method="post" id={id} replace preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={rowId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="label" value={label} />
    </Form>
  );
}

function useBusy() {
  return useNavigation().state === "submitting";
}

// --- step 2: choose ----------------------------------------------------------------------------------

type Bilingual = { vi: string; en: string };
export type TemplateChoice = {
  code: string;
  version: string;
  name: Bilingual;
  description: Bilingual;
  counts: Record<"departments" | "rooms" | "beds" | "services" | "formulary" | "noteForms" | "orderSets" | "roles", number>;
  departments: Bilingual[];
  rooms: { code: string; name: Bilingual; kind: RoomKind; beds: number }[];
  roles: Bilingual[];
  noteForms: Bilingual[];
  workflow: { step: "reception" | "triage" | "examination" | "orders" | "prescription" | "cashier" | "pharmacy"; optional: boolean }[];
};

export function TemplateChooser({ templates, applied }: { templates: TemplateChoice[]; applied: { code: string; version: string; name: Bilingual | null } | null }) {
  const { t, i18n } = useTranslation("templates");
  const lang = i18n.language === "en" ? "en" : "vi";
  const busy = useBusy();
  const [params] = useSearchParams();
  return (
    <>
      {applied ? (
        <Banner tone={params.has("applied") ? "ok" : "info"} focus={params.has("applied")} data-testid="template-applied">
          {params.has("applied")
            ? t("choose.applied", { name: applied.name?.[lang] ?? applied.code, version: applied.version })
            : t("choose.current", { name: applied.name?.[lang] ?? applied.code, version: applied.version })}
        </Banner>
      ) : null}
      <div className="template-choices">
        {templates.map((tpl) => (
          <section key={tpl.code} className="panel template-choice" aria-labelledby={`tpl-${tpl.code}`} data-testid={`template-${tpl.code}`}>
            <h2 id={`tpl-${tpl.code}`}>{tpl.name[lang]}</h2>
            <p className="muted">{t("choose.version", { version: tpl.version })}</p>
            <p>{tpl.description[lang]}</p>
            <h3>{t("choose.creates")}</h3>
            <ul className="template-counts">
              {(Object.keys(tpl.counts) as (keyof TemplateChoice["counts"])[]).map((k) => (
                <li key={k}>{t(`counts.${k}`, { count: tpl.counts[k] })}</li>
              ))}
            </ul>
            <details>
              <summary>{t("choose.listDepartments")}</summary>
              <ul>{tpl.departments.map((d) => <li key={d.vi}>{d[lang]}</li>)}</ul>
            </details>
            <details>
              <summary>{t("choose.listRooms")}</summary>
              <ul>
                {tpl.rooms.map((r) => (
                  <li key={r.code}>
                    {r.code} · {r.name[lang]} ({t(`roomKind.${r.kind}`)}{r.beds ? `, ${t("counts.beds", { count: r.beds })}` : ""})
                  </li>
                ))}
              </ul>
            </details>
            <details>
              <summary>{t("choose.listRoles")}</summary>
              <ul>{tpl.roles.map((r) => <li key={r.vi}>{r[lang]}</li>)}</ul>
            </details>
            <details>
              <summary>{t("choose.listForms")}</summary>
              <ul>{tpl.noteForms.map((f) => <li key={f.vi}>{f[lang]}</li>)}</ul>
            </details>
            <details>
              <summary>{t("choose.listWorkflow")}</summary>
              <ol>
                {tpl.workflow.map((w) => (
                  <li key={w.step}>
                    {t(`workflowStep.${w.step}`)}
                    {w.optional ? ` (${t("optional")})` : ""}
                  </li>
                ))}
              </ol>
            </details>
            <Form method="post">
              <input type="hidden" name="template" value={tpl.code} />
              <Button type="submit" disabled={busy} variant={applied?.code === tpl.code ? "secondary" : "primary"}>
                {t("choose.apply")}
              </Button>
            </Form>
          </section>
        ))}
      </div>
    </>
  );
}

// --- step 3: departments, rooms, beds ---------------------------------------------------------------

type DepartmentRow = { id: string; code: string; name: string; active: boolean; version: number };
type RoomRow = { id: string; code: string; name: string; kind: RoomKind; departmentId: string | null; active: boolean; version: number; beds: { id: string; code: string; active: boolean; version: number }[] };

export function DepartmentsEditor({ departments, rooms, roomKinds }: { departments: DepartmentRow[]; rooms: RoomRow[]; roomKinds: readonly RoomKind[] }) {
  const { t } = useTranslation("templates");
  const busy = useBusy();
  return (
    <>
      <section className="panel" aria-labelledby="departments-heading">
        <h2 id="departments-heading">{t("departments.departments")}</h2>
        {departments.length === 0 ? <EmptyState title={t("departments.empty")} /> : null}
        {departments.length ? (
          <table className="data template-table">
            <caption className="visually-hidden">{t("departments.departments")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("departments.code")}</th>
                <th scope="col">{t("departments.name")}</th>
                <th scope="col">{t("departments.active")}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => {
                const form = `dep-${d.id}`;
                return (
                  <tr key={`${d.id}-${d.version}`} className={d.active ? undefined : "template-inactive"}>
                    <td>{d.code}</td>
                    <td>
                      <input form={form} name="name" defaultValue={d.name} aria-label={t("departments.nameOf", { code: d.code })} required maxLength={200} size={50} />
                    </td>
                    <td>
                      <input form={form} type="checkbox" name="active" defaultChecked={d.active} aria-label={t("departments.activeOf", { code: d.code })} />
                    </td>
                    <td>
                      <RowForm id={form} intent="department.update" rowId={d.id} version={d.version} label={d.code} />
                      <Button form={form} type="submit" variant="secondary" disabled={busy} aria-label={t("departments.saveRow", { code: d.code })}>
                        {t("departments.save")}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        <Form method="post" className="template-add">
          <input type="hidden" name="intent" value="department.add" />
          <Field prefix="dep-new" name="code" label={t("departments.code")} required maxLength={40} />
          <Field prefix="dep-new" name="name" label={t("departments.name")} required maxLength={200} />
          <Button type="submit" variant="secondary" disabled={busy}>{t("departments.addDepartment")}</Button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="rooms-heading">
        <h2 id="rooms-heading">{t("departments.rooms")}</h2>
        {rooms.length ? (
          <table className="data template-table" data-testid="rooms-table">
            <caption className="visually-hidden">{t("departments.rooms")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("departments.code")}</th>
                <th scope="col">{t("departments.name")}</th>
                <th scope="col">{t("departments.kind")}</th>
                <th scope="col">{t("departments.department")}</th>
                <th scope="col">{t("departments.active")}</th>
                <td />
                <th scope="col">{t("departments.beds")}</th>
              </tr>
            </thead>
            <tbody>
              {rooms.map((r) => {
                const form = `room-${r.id}`;
                return (
                  <tr key={`${r.id}-${r.version}`} className={r.active ? undefined : "template-inactive"} data-testid={`room-${r.code}`}>
                    <td>{r.code}</td>
                    <td>
                      <input form={form} name="name" defaultValue={r.name} aria-label={t("departments.nameOf", { code: r.code })} required maxLength={200} />
                    </td>
                    <td>{t(`roomKind.${r.kind}`)}</td>
                    <td>
                      <select form={form} name="departmentId" defaultValue={r.departmentId ?? ""} aria-label={t("departments.departmentOf", { code: r.code })}>
                        <option value="">{t("departments.noDepartment")}</option>
                        {departments.map((d) => (
                          <option key={d.id} value={d.id}>{d.code} · {d.name}</option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input form={form} type="checkbox" name="active" defaultChecked={r.active} aria-label={t("departments.activeOf", { code: r.code })} />
                    </td>
                    <td>
                      <RowForm id={form} intent="room.update" rowId={r.id} version={r.version} label={r.code} />
                      <Button form={form} type="submit" variant="secondary" disabled={busy} aria-label={t("departments.saveRow", { code: r.code })}>
                        {t("departments.save")}
                      </Button>
                    </td>
                    <td>{r.kind === "ward" || r.kind === "emergency" || r.beds.length ? <Beds room={r} /> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        <Form method="post" className="template-add">
          <input type="hidden" name="intent" value="room.add" />
          <Field prefix="room-new" name="code" label={t("departments.code")} required maxLength={40} />
          <Field prefix="room-new" name="name" label={t("departments.name")} required maxLength={200} />
          <div className="field">
            <label htmlFor="room-new-kind">{t("departments.kind")}</label>
            <select id="room-new-kind" name="kind" defaultValue="clinic">
              {roomKinds.map((k) => (
                <option key={k} value={k}>{t(`roomKind.${k}`)}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="room-new-departmentId">{t("departments.department")}</label>
            <select id="room-new-departmentId" name="departmentId" defaultValue="">
              <option value="">{t("departments.noDepartment")}</option>
              {departments.filter((d) => d.active).map((d) => (
                <option key={d.id} value={d.id}>{d.code} · {d.name}</option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary" disabled={busy}>{t("departments.addRoom")}</Button>
        </Form>
      </section>
    </>
  );
}

function Beds({ room }: { room: RoomRow }) {
  const { t } = useTranslation("templates");
  const busy = useBusy();
  return (
    <details>
      <summary>{t("counts.beds", { count: room.beds.filter((b) => b.active).length })}</summary>
      <ul className="template-beds" aria-label={t("departments.bedsOf", { room: room.code })}>
        {room.beds.map((b) => (
          <li key={`${b.id}-${b.version}`}>
            <Form method="post" replace preventScrollReset>
              <input type="hidden" name="intent" value="bed.update" />
              <input type="hidden" name="id" value={b.id} />
              <input type="hidden" name="version" value={b.version} />
              <input type="hidden" name="label" value={`${room.code}/${b.code}`} />
              <label>
                <input type="checkbox" name="active" defaultChecked={b.active} /> {b.code}
                <span className="visually-hidden"> {t("departments.bedActive", { bed: b.code })}</span>
              </label>{" "}
              <button type="submit" className="button link" disabled={busy} aria-label={t("departments.saveBed", { bed: b.code })}>
                {t("departments.save")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="template-add-inline">
        <input type="hidden" name="intent" value="bed.add" />
        <input type="hidden" name="roomId" value={room.id} />
        <label>
          {t("departments.bedCode")} <input name="code" required maxLength={40} size={8} />
        </label>{" "}
        <button type="submit" className="button secondary" disabled={busy}>{t("departments.addBed")}</button>
      </Form>
    </details>
  );
}

// --- step 5: services and prices ----------------------------------------------------------------------

type ServiceRow = {
  id: string;
  code: string;
  nationalCode: string | null;
  name: string;
  kind: ServiceKind;
  priceVnd: number;
  resultUnit: string | null;
  referenceLow: string | null;
  referenceHigh: string | null;
  active: boolean;
  version: number;
};

export function ServicesEditor({ services, maxBytes }: { services: ServiceRow[]; maxBytes: number }) {
  const { t } = useTranslation("templates");
  const busy = useBusy();
  // A file past the request limit would be cut off by the server before the page could explain; with
  // JavaScript the browser says so before sending (the server checks again either way).
  const [tooLarge, setTooLarge] = useState(false);
  const checkSize = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem("file");
    const size = input instanceof HTMLInputElement ? (input.files?.[0]?.size ?? 0) : 0;
    setTooLarge(size > maxBytes);
    if (size > maxBytes) event.preventDefault();
  };
  return (
    <>
      <section className="panel" aria-labelledby="import-heading">
        <h2 id="import-heading">{t("services.importTitle")}</h2>
        {tooLarge ? (
          <Banner tone="error" focus data-testid="csv-too-large">
            {t("csvFile.tooLarge")}
          </Banner>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="template-import" onSubmit={checkSize}>
          <input type="hidden" name="intent" value="service.import" />
          <Field
            prefix="services"
            name="file"
            type="file"
            accept=".csv,text/csv"
            label={t("services.file")}
            hint={t("services.importHint")}
            required
          />
          <Button type="submit" disabled={busy} data-testid="import-submit">{t("services.import")}</Button>
        </Form>
      </section>
      <section className="panel" aria-labelledby="services-heading">
        <h2 id="services-heading">{t("services.title")}</h2>
        {services.length === 0 ? <EmptyState title={t("services.empty")} /> : null}
        {services.length ? (
          <table className="data template-table" data-testid="services-table">
            <caption className="visually-hidden">{t("services.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("services.code")}</th>
                <th scope="col">{t("services.nationalCode")}</th>
                <th scope="col">{t("services.name")}</th>
                <th scope="col">{t("services.kind")}</th>
                <th scope="col">{t("services.price")}</th>
                <th scope="col">{t("services.result")}</th>
                <th scope="col">{t("services.active")}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {services.map((s) => {
                const form = `svc-${s.id}`;
                return (
                  <tr key={`${s.id}-${s.version}`} className={s.active ? undefined : "template-inactive"} data-testid={`service-${s.code}`}>
                    <td>{s.code}</td>
                    <td>{s.nationalCode ?? ""}</td>
                    <td>
                      <input form={form} name="name" defaultValue={s.name} aria-label={t("services.nameOf", { code: s.code })} required maxLength={200} size={36} />
                    </td>
                    <td>{t(`serviceKind.${s.kind}`)}</td>
                    <td>
                      <input form={form} name="price" defaultValue={String(s.priceVnd)} inputMode="numeric" aria-label={t("services.priceOf", { code: s.code })} required size={9} />
                    </td>
                    <td>
                      {s.resultUnit
                        ? t("services.range", { low: s.referenceLow ?? "", high: s.referenceHigh ?? "", unit: s.resultUnit })
                        : s.kind === "lab" || s.kind === "imaging"
                          ? t("services.textResult")
                          : ""}
                    </td>
                    <td>
                      <input form={form} type="checkbox" name="active" defaultChecked={s.active} aria-label={t("services.activeOf", { code: s.code })} />
                    </td>
                    <td>
                      <RowForm id={form} intent="service.update" rowId={s.id} version={s.version} label={s.code} />
                      <Button form={form} type="submit" variant="secondary" disabled={busy} aria-label={t("services.saveRow", { code: s.code })}>
                        {t("services.save")}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}

// --- formulary --------------------------------------------------------------------------------------

type FormularyRow = {
  id: string;
  code: string;
  name: string;
  activeIngredient: string;
  strength: string;
  form: string;
  route: string;
  unit: string;
  commonDose: string | null;
  priceVnd: number;
  active: boolean;
  version: number;
};
const DRUG_FIELDS = ["name", "activeIngredient", "strength", "form", "route", "unit", "commonDose"] as const;

export function FormularyEditor({ items }: { items: FormularyRow[] }) {
  const { t } = useTranslation("templates");
  const busy = useBusy();
  const [params] = useSearchParams();
  const added = params.get("added");
  const editing = params.get("edit");
  return (
    <>
      {added ? <Banner tone="ok" focus>{t("formulary.added", { code: added })}</Banner> : null}
      <section className="panel" aria-labelledby="formulary-heading">
        <h2 id="formulary-heading">{t("formulary.title")}</h2>
        {items.length === 0 ? <EmptyState title={t("formulary.empty")} /> : null}
        {items.length ? (
          <table className="data template-table" data-testid="formulary-table">
            <caption className="visually-hidden">{t("formulary.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("formulary.code")}</th>
                {DRUG_FIELDS.map((f) => (
                  <th key={f} scope="col">{t(`formulary.${f}`)}</th>
                ))}
                <th scope="col">{t("formulary.price")}</th>
                <th scope="col">{t("formulary.active")}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {items.map((d) => {
                const form = `drug-${d.id}`;
                // One row at a time is an editor (?edit=CODE): a formulary has a few hundred rows.
                if (d.code !== editing)
                  return (
                    <tr key={`${d.id}-${d.version}`} className={d.active ? undefined : "template-inactive"} data-testid={`drug-${d.code}`}>
                      <td>{d.code}</td>
                      {DRUG_FIELDS.map((f) => (
                        <td key={f}>{d[f] ?? ""}</td>
                      ))}
                      <td>{d.priceVnd}</td>
                      <td>{d.active ? "✓" : "✗"}</td>
                      <td>
                        <Link to={`?edit=${encodeURIComponent(d.code)}`} aria-label={t("formulary.editRow", { code: d.code })} preventScrollReset>
                          {t("formulary.edit")}
                        </Link>
                      </td>
                    </tr>
                  );
                return (
                  <tr key={`${d.id}-${d.version}`} className={d.active ? undefined : "template-inactive"} data-testid={`drug-${d.code}`}>
                    <td>{d.code}</td>
                    {DRUG_FIELDS.map((f) => (
                      <td key={f}>
                        <input
                          form={form}
                          name={f}
                          defaultValue={d[f] ?? ""}
                          aria-label={`${d.code}: ${t(`formulary.${f}`)}`}
                          required={f !== "commonDose"}
                          maxLength={200}
                          size={f === "name" || f === "commonDose" ? 18 : 8}
                        />
                      </td>
                    ))}
                    <td>
                      <input form={form} name="price" defaultValue={String(d.priceVnd)} inputMode="numeric" aria-label={`${d.code}: ${t("formulary.price")}`} size={7} />
                    </td>
                    <td>
                      <input form={form} type="checkbox" name="active" defaultChecked={d.active} aria-label={`${d.code}: ${t("formulary.active")}`} />
                    </td>
                    <td>
                      <RowForm id={form} intent="formulary.update" rowId={d.id} version={d.version} label={d.code} />
                      <Button form={form} type="submit" variant="secondary" disabled={busy} aria-label={t("formulary.saveRow", { code: d.code })}>
                        {t("formulary.save")}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="formulary-add-heading">
        <h2 id="formulary-add-heading">{t("formulary.add")}</h2>
        <Form method="post" className="template-add">
          <input type="hidden" name="intent" value="formulary.add" />
          <Field prefix="drug-new" name="code" label={t("formulary.code")} required maxLength={40} />
          {DRUG_FIELDS.map((f) => (
            <Field key={f} prefix="drug-new" name={f} label={t(`formulary.${f}`)} required={f !== "commonDose"} maxLength={200} />
          ))}
          <Field prefix="drug-new" name="price" label={t("formulary.price")} inputMode="numeric" defaultValue="0" />
          <Button type="submit" disabled={busy}>{t("formulary.add")}</Button>
        </Form>
      </section>
    </>
  );
}

// --- note forms -------------------------------------------------------------------------------------

type NoteFormRow = { id: string; code: string; specialty: string; name: string; fields: NoteField[]; active: boolean; version: number };

export function NoteFormsEditor({ forms }: { forms: NoteFormRow[] }) {
  const { t } = useTranslation("templates");
  const busy = useBusy();
  const [params] = useSearchParams();
  const editing = params.get("edit");
  return (
    <>
      {forms.map((f) =>
        // One form at a time is an editor (?edit=CODE); the others show their fields.
        f.code !== editing ? (
          <section key={`${f.id}-${f.version}`} className={["panel", "template-form", f.active ? null : "template-inactive"].filter(Boolean).join(" ")} data-testid={`note-form-${f.code}`} aria-labelledby={`form-${f.code}-heading`}>
            <h2 id={`form-${f.code}-heading`}>{f.name}</h2>
            <p className="muted">
              {t("forms.specialty")}: {f.specialty} · {t("forms.fieldsCount", { count: f.fields.length })}
              {f.active ? "" : ` · ${t("departments.active")}: ✗`}
            </p>
            <ul className="template-additions">
              {f.fields.map((field) => (
                <li key={field.key}>
                  {field.label.vi} <span className="muted">({t(`forms.fieldType.${field.type}`)}{field.required ? `, ${t("forms.required")}` : ""}{field.unit ? `, ${field.unit}` : ""})</span>
                </li>
              ))}
            </ul>
            <Link to={`?edit=${encodeURIComponent(f.code)}`} aria-label={t("formulary.editRow", { code: f.name })}>
              {t("formulary.edit")}
            </Link>
          </section>
        ) : (
        <section key={`${f.id}-${f.version}`} className="panel template-form" data-testid={`note-form-${f.code}`} aria-labelledby={`form-${f.code}-heading`}>
          <h2 id={`form-${f.code}-heading`}>{f.name}</h2>
          <Form method="post" replace preventScrollReset>
            <input type="hidden" name="intent" value="noteForm.update" />
            <input type="hidden" name="id" value={f.id} />
            <input type="hidden" name="version" value={f.version} />
            <input type="hidden" name="label" value={f.code} />
            <Field prefix={`form-${f.code}`} name="name" label={t("forms.name")} defaultValue={f.name} required maxLength={200} />
            <p>
              <label>
                <input type="checkbox" name="active" defaultChecked={f.active} /> {t("forms.active")}
              </label>
            </p>
            <table className="data template-table">
              <caption className="visually-hidden">{f.name}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("forms.key")}</th>
                  <th scope="col">{t("forms.type")}</th>
                  <th scope="col">{t("forms.labelVi")}</th>
                  <th scope="col">{t("forms.labelEn")}</th>
                  <th scope="col">{t("forms.required")}</th>
                  <th scope="col">{t("forms.min")}</th>
                  <th scope="col">{t("forms.max")}</th>
                  <th scope="col">{t("forms.unit")}</th>
                </tr>
              </thead>
              <tbody>
                {f.fields.map((field) => (
                  <tr key={field.key}>
                    <td>
                      <input type="hidden" name="key" value={field.key} />
                      {field.key}
                    </td>
                    <td>{t(`forms.fieldType.${field.type}`)}</td>
                    <td>
                      <input name={`${field.key}.labelVi`} defaultValue={field.label.vi} required maxLength={200} aria-label={t("forms.fieldLabel", { field: field.key, what: t("forms.labelVi") })} />
                    </td>
                    <td>
                      <input name={`${field.key}.labelEn`} defaultValue={field.label.en} required maxLength={200} aria-label={t("forms.fieldLabel", { field: field.key, what: t("forms.labelEn") })} />
                    </td>
                    <td>
                      <input type="checkbox" name={`${field.key}.required`} defaultChecked={field.required} aria-label={t("forms.fieldLabel", { field: field.key, what: t("forms.required") })} />
                    </td>
                    <td>
                      {field.type === "number" ? (
                        <input name={`${field.key}.min`} defaultValue={field.min ?? ""} inputMode="decimal" size={5} aria-label={t("forms.fieldLabel", { field: field.key, what: t("forms.min") })} />
                      ) : null}
                    </td>
                    <td>
                      {field.type === "number" ? (
                        <input name={`${field.key}.max`} defaultValue={field.max ?? ""} inputMode="decimal" size={5} aria-label={t("forms.fieldLabel", { field: field.key, what: t("forms.max") })} />
                      ) : null}
                    </td>
                    <td>{field.unit ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Button type="submit" disabled={busy}>{t("forms.save", { code: f.code })}</Button>
          </Form>
        </section>
        ),
      )}
    </>
  );
}

// --- template upgrades --------------------------------------------------------------------------------

type AdditionKind = "department" | "room" | "bed" | "service" | "formulary" | "noteForm" | "orderSet" | "workflowStep";
type Diff = {
  applied: { code: string; version: string };
  latest: { code: string; version: string; name: string };
  newer: boolean;
  additions: { key: string; kind: AdditionKind; code: string; name: string }[];
} | null;

export function UpgradeList({ diff, setupHref }: { diff: Diff; setupHref: string }) {
  const { t } = useTranslation("templates");
  const busy = useBusy();
  const [params] = useSearchParams();
  const location = useLocation();
  const added = params.get("added");
  if (!diff)
    return (
      <EmptyState title={t("upgrade.none")}>
        <Link to={setupHref}>{t("choose.title")}</Link>
      </EmptyState>
    );
  return (
    <>
      {added ? <Banner key={location.key} tone="ok" focus>{t("upgrade.added", { count: Number(added) })}</Banner> : null}
      <p data-testid="template-version">
        {t("upgrade.current", { name: diff.latest.name, version: diff.applied.version, latest: diff.latest.version })}
        {diff.newer ? ` ${t("upgrade.newer")}` : ""}
      </p>
      {diff.additions.length === 0 ? (
        <Banner tone="ok">{t("upgrade.upToDate")}</Banner>
      ) : (
        <Form method="post" className="panel">
          <fieldset>
            <legend>{t("upgrade.intro")}</legend>
            <ul className="template-additions">
              {diff.additions.map((a) => (
                <li key={a.key}>
                  <label>
                    <input type="checkbox" name="item" value={a.key} /> {t(`upgrade.kind.${a.kind}`)}: {a.code}{a.kind === "workflowStep" ? "" : ` · ${a.name}`}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <Button type="submit" disabled={busy}>{t("upgrade.add")}</Button>
        </Form>
      )}
    </>
  );
}
