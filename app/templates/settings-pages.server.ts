// What the wizard's template steps and the settings pages load and do, shared by both (routes stay
// thin: the door, then one of these in the member's transaction). An action answers null on success
// (the route redirects) or an EditorResult the page shows.
import { ROOM_KINDS, type RoomKind } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { isStaleWriteError, parseExpectedVersion } from "~/lib/concurrency.server";
import { isUuid } from "~db/scope.server";
import { addTemplateItems, applyTemplate, diffTemplate, getAppliedTemplate } from "./apply-template.server";
import {
  addBed,
  addDepartment,
  addFormularyItem,
  addRoom,
  DuplicateCodeError,
  importServices,
  listDepartmentsAndRooms,
  listFormulary,
  listNoteForms,
  listServices,
  updateBed,
  updateDepartment,
  updateFormularyItem,
  updateNoteForm,
  updateRoom,
  updateService,
  type NoteFieldEdit,
} from "./configuration.server";
import { findTemplate, templateRegistry } from "./registry.server";
import { parseServiceCsv, type CsvFileProblem, type CsvRowError } from "./service-csv.server";

export type EditorResult =
  | { kind: "conflict"; code: string; typed: string }
  | { kind: "duplicate"; code: string }
  | { kind: "invalid"; what: string }
  | { kind: "notFound" }
  | { kind: "unknownTemplate" }
  | { kind: "nothingChosen" }
  | { kind: "csvFile"; problem: CsvFileProblem | "missing" }
  | { kind: "csvRows"; rows: CsvRowError[] };

/** What a successful action adds to the page's address, for the banner after the redirect. */
export type EditorSuccess = { query: string };

export const httpStatusOf = (result: EditorResult) => (result.kind === "conflict" ? 409 : result.kind === "notFound" ? 404 : 400);

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
};
const checked = (form: FormData, name: string) => form.get(name) === "on";
const validName = (s: string) => s.length >= 1 && s.length <= 200;

/** The row an edit names: its id and the version it read; null when the form is not ours. */
function rowRef(form: FormData): { id: string; version: number } | null {
  const id = str(form, "id");
  const version = parseExpectedVersion(form.get("version"));
  return isUuid(id) && version !== null ? { id, version } : null;
}

/** Runs an edit; a stale version or a taken code becomes a result the page shows. */
async function guarded(code: string, typed: string, edit: () => Promise<unknown>): Promise<EditorResult | EditorSuccess> {
  try {
    const row = await edit();
    if (row === null) return { kind: "notFound" };
    return { query: "saved=1" };
  } catch (error) {
    if (isStaleWriteError(error)) return { kind: "conflict", code, typed };
    if (error instanceof DuplicateCodeError) return { kind: "duplicate", code: error.code };
    throw error;
  }
}

// --- step 2: choose a template ------------------------------------------------------------------------

export async function templateChoiceData(t: TenantTx) {
  const applied = await getAppliedTemplate(t);
  const templates = [...templateRegistry().values()].map(({ template: tpl }) => ({
    code: tpl.code,
    version: tpl.version,
    name: tpl.name,
    description: tpl.description,
    counts: {
      departments: tpl.departments.length,
      rooms: tpl.rooms.length,
      beds: tpl.rooms.reduce((n, r) => n + (r.beds?.length ?? 0), 0),
      services: tpl.services.length,
      formulary: tpl.formulary.length,
      noteForms: tpl.noteForms.length,
      orderSets: tpl.orderSets.length,
      roles: tpl.roles.length,
    },
    departments: tpl.departments.map((d) => d.name),
    rooms: tpl.rooms.map((r) => ({ code: r.code, name: r.name, kind: r.kind, beds: r.beds?.length ?? 0 })),
    roles: tpl.roles.map((r) => r.name),
    noteForms: tpl.noteForms.map((f) => f.name),
    workflow: tpl.workflow.map((w) => ({ step: w.step, optional: w.optional })),
  }));
  const appliedName = applied ? (findTemplate(applied.code)?.template.name ?? null) : null;
  return { applied: applied ? { code: applied.code, version: applied.version, name: appliedName } : null, templates };
}

export async function templateChoiceAction(t: TenantTx, form: FormData): Promise<EditorResult | EditorSuccess> {
  const code = str(form, "template");
  if (!findTemplate(code)) return { kind: "unknownTemplate" };
  await applyTemplate(t, code);
  return { query: "applied=1" };
}

// --- step 3 / settings: departments, rooms, beds --------------------------------------------------------

export const departmentsData = async (t: TenantTx) => ({ ...(await listDepartmentsAndRooms(t)), roomKinds: ROOM_KINDS });

export async function departmentsAction(t: TenantTx, form: FormData): Promise<EditorResult | EditorSuccess | "bad"> {
  const intent = str(form, "intent");
  const name = str(form, "name");
  const code = str(form, "code");
  switch (intent) {
    case "department.add":
      if (!CODE.test(code) || !validName(name)) return { kind: "invalid", what: code || name };
      return guarded(code, name, () => addDepartment(t, { code, name }));
    case "room.add": {
      const kind = str(form, "kind");
      const departmentId = str(form, "departmentId");
      if (!CODE.test(code) || !validName(name) || !(ROOM_KINDS as readonly string[]).includes(kind)) return { kind: "invalid", what: code || name };
      return guarded(code, name, () => addRoom(t, { code, name, kind: kind as RoomKind, departmentId: isUuid(departmentId) ? departmentId : null }));
    }
    case "bed.add": {
      const roomId = str(form, "roomId");
      if (!isUuid(roomId) || !CODE.test(code)) return { kind: "invalid", what: code };
      return guarded(code, code, () => addBed(t, roomId, code));
    }
  }
  const ref = rowRef(form);
  if (!ref) return "bad";
  const label = str(form, "label");
  switch (intent) {
    case "department.update":
      if (!validName(name)) return { kind: "invalid", what: label };
      return guarded(label, name, () => updateDepartment(t, ref.id, ref.version, { name, active: checked(form, "active") }));
    case "room.update": {
      const departmentId = str(form, "departmentId");
      if (!validName(name)) return { kind: "invalid", what: label };
      return guarded(label, name, () =>
        updateRoom(t, ref.id, ref.version, { name, departmentId: isUuid(departmentId) ? departmentId : null, active: checked(form, "active") }),
      );
    }
    case "bed.update":
      return guarded(label, checked(form, "active") ? "✓" : "✗", () => updateBed(t, ref.id, ref.version, { active: checked(form, "active") }));
  }
  return "bad";
}

// --- step 5 / settings: services and prices -----------------------------------------------------------

export const servicesData = (t: TenantTx) => listServices(t);

const PRICE = /^\d{1,10}$/;
const priceOf = (s: string) => (PRICE.test(s.replace(/[., ]/g, "")) ? Number(s.replace(/[., ]/g, "")) : NaN);

/** The CSV file of an import, read before the transaction (it is the request's body, not the database's). */
export async function readCsvUpload(form: FormData): Promise<Uint8Array | null> {
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return null;
  return new Uint8Array(await file.arrayBuffer());
}

export async function servicesAction(t: TenantTx, form: FormData, upload: Uint8Array | null): Promise<EditorResult | EditorSuccess | "bad"> {
  const intent = str(form, "intent");
  if (intent === "service.import") {
    if (!upload) return { kind: "csvFile", problem: "missing" };
    const parsed = parseServiceCsv(upload);
    if (!parsed.ok) return parsed.file ? { kind: "csvFile", problem: parsed.file } : { kind: "csvRows", rows: parsed.rows };
    const { added, updated } = await importServices(t, parsed.rows);
    return { query: `added=${added}&updated=${updated}` };
  }
  if (intent !== "service.update") return "bad";
  const ref = rowRef(form);
  if (!ref) return "bad";
  const label = str(form, "label");
  const name = str(form, "name");
  const price = str(form, "price");
  const priceVnd = priceOf(price);
  if (!validName(name) || !Number.isSafeInteger(priceVnd)) return { kind: "invalid", what: label };
  return guarded(label, `${name} · ${price}`, () => updateService(t, ref.id, ref.version, { name, priceVnd, active: checked(form, "active") }));
}

// --- settings: formulary ----------------------------------------------------------------------------

export const formularyData = (t: TenantTx) => listFormulary(t);

const FORMULARY_TEXT = ["name", "activeIngredient", "strength", "form", "route", "unit"] as const;

export async function formularyAction(t: TenantTx, form: FormData): Promise<EditorResult | EditorSuccess | "bad"> {
  const intent = str(form, "intent");
  const values = Object.fromEntries(FORMULARY_TEXT.map((k) => [k, str(form, k)])) as Record<(typeof FORMULARY_TEXT)[number], string>;
  const commonDose = str(form, "commonDose") || null;
  const priceVnd = priceOf(str(form, "price") || "0");
  const ok = FORMULARY_TEXT.every((k) => validName(values[k])) && Number.isSafeInteger(priceVnd) && (commonDose?.length ?? 0) <= 200;
  if (intent === "formulary.add") {
    const code = str(form, "code");
    if (!CODE.test(code) || !ok) return { kind: "invalid", what: code || values.name };
    const result = await guarded(code, values.name, () => addFormularyItem(t, { code, ...values, commonDose, priceVnd }));
    return "query" in result ? { query: `added=${encodeURIComponent(code)}` } : result;
  }
  if (intent !== "formulary.update") return "bad";
  const ref = rowRef(form);
  if (!ref) return "bad";
  const label = str(form, "label");
  if (!ok) return { kind: "invalid", what: label };
  return guarded(label, values.name, () => updateFormularyItem(t, ref.id, ref.version, { ...values, commonDose, priceVnd, active: checked(form, "active") }));
}

// --- settings: note forms ---------------------------------------------------------------------------

export const noteFormsData = (t: TenantTx) => listNoteForms(t);

const optionalNumber = (s: string) => (s === "" ? undefined : Number(s.replace(",", ".")));

export async function noteFormsAction(t: TenantTx, form: FormData): Promise<EditorResult | EditorSuccess | "bad"> {
  if (str(form, "intent") !== "noteForm.update") return "bad";
  const ref = rowRef(form);
  if (!ref) return "bad";
  const label = str(form, "label");
  const name = str(form, "name");
  const keys = form.getAll("key").filter((k): k is string => typeof k === "string");
  const fields: NoteFieldEdit[] = keys.map((key) => ({
    key,
    labelVi: str(form, `${key}.labelVi`),
    labelEn: str(form, `${key}.labelEn`),
    required: checked(form, `${key}.required`),
    min: optionalNumber(str(form, `${key}.min`)),
    max: optionalNumber(str(form, `${key}.max`)),
  }));
  const bad = fields.find(
    (f) =>
      !validName(f.labelVi) ||
      !validName(f.labelEn) ||
      [f.min, f.max].some((n) => n !== undefined && !Number.isFinite(n)) ||
      (f.min !== undefined && f.max !== undefined && f.min > f.max),
  );
  if (!validName(name) || bad) return { kind: "invalid", what: bad ? `${label} · ${bad.key}` : label };
  return guarded(label, name, () => updateNoteForm(t, ref.id, ref.version, { name, active: checked(form, "active"), fields }));
}

// --- settings: template upgrades ----------------------------------------------------------------------

export const upgradeData = (t: TenantTx) => diffTemplate(t);

export async function upgradeAction(t: TenantTx, form: FormData): Promise<EditorResult | EditorSuccess> {
  const keys = form.getAll("item").filter((k): k is string => typeof k === "string");
  if (keys.length === 0) return { kind: "nothingChosen" };
  const added = await addTemplateItems(t, keys);
  if (added.length === 0) return { kind: "nothingChosen" };
  return { query: `added=${added.length}` };
}
