// The hospital's own copy of its configuration, read and edited by its admin (the wizard's steps 3 and
// 5 and the settings pages use the same functions). Every edit names the version it read (decision
// 007); nothing is deleted, rows are deactivated (docs/architecture.md §3).
import { and, asc, eq, sql } from "drizzle-orm";
import { beds, departments, formularyItems, noteForms, rooms, services, type RoomKind, type ServiceKind } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { updateVersioned } from "~/lib/concurrency.server";
import type { NoteField } from "./template-schema";

export type DepartmentRow = { id: string; code: string; name: string; active: boolean; version: number };
export type BedRow = { id: string; code: string; active: boolean; version: number };
export type RoomRow = {
  id: string;
  code: string;
  name: string;
  kind: RoomKind;
  departmentId: string | null;
  active: boolean;
  version: number;
  beds: BedRow[];
};

export async function listDepartmentsAndRooms(t: TenantTx): Promise<{ departments: DepartmentRow[]; rooms: RoomRow[] }> {
  const deps = await t.db
    .select({ id: departments.id, code: departments.code, name: departments.name, active: departments.active, version: departments.version })
    .from(departments)
    .where(eq(departments.tenantId, t.tenantId))
    .orderBy(asc(departments.code));
  const roomRows = await t.db
    .select({
      id: rooms.id,
      code: rooms.code,
      name: rooms.name,
      kind: rooms.kind,
      departmentId: rooms.departmentId,
      active: rooms.active,
      version: rooms.version,
    })
    .from(rooms)
    .where(eq(rooms.tenantId, t.tenantId))
    .orderBy(asc(rooms.code));
  const bedRows = await t.db
    .select({ id: beds.id, roomId: beds.roomId, code: beds.code, active: beds.active, version: beds.version })
    .from(beds)
    .where(eq(beds.tenantId, t.tenantId))
    .orderBy(asc(beds.code));
  return {
    departments: deps,
    rooms: roomRows.map((r) => ({ ...r, beds: bedRows.filter((b) => b.roomId === r.id).map(({ roomId: _, ...b }) => b) })),
  };
}

/** Thrown when a new row's code is already used in this hospital. */
export class DuplicateCodeError extends Error {
  constructor(readonly code: string) {
    super(`code ${code} is already used`);
    this.name = "DuplicateCodeError";
  }
}

async function insertUnique<T>(run: () => Promise<T[]>, code: string): Promise<T> {
  const [row] = await run();
  if (!row) throw new DuplicateCodeError(code);
  return row;
}

export async function addDepartment(t: TenantTx, input: { code: string; name: string }) {
  return insertUnique(
    () => t.db.insert(departments).values({ tenantId: t.tenantId, ...input }).onConflictDoNothing().returning({ id: departments.id }),
    input.code,
  );
}

export async function updateDepartment(t: TenantTx, id: string, version: number, input: { name: string; active: boolean }) {
  return updateVersioned(t, departments, id, version, input);
}

export async function addRoom(t: TenantTx, input: { code: string; name: string; kind: RoomKind; departmentId: string | null }) {
  return insertUnique(
    () => t.db.insert(rooms).values({ tenantId: t.tenantId, ...input }).onConflictDoNothing().returning({ id: rooms.id }),
    input.code,
  );
}

export async function updateRoom(t: TenantTx, id: string, version: number, input: { name: string; departmentId: string | null; active: boolean }) {
  return updateVersioned(t, rooms, id, version, input);
}

export async function addBed(t: TenantTx, roomId: string, code: string) {
  return insertUnique(
    () => t.db.insert(beds).values({ tenantId: t.tenantId, roomId, code }).onConflictDoNothing().returning({ id: beds.id }),
    code,
  );
}

export async function updateBed(t: TenantTx, id: string, version: number, input: { active: boolean }) {
  return updateVersioned(t, beds, id, version, input);
}

// --- services ---------------------------------------------------------------------------------------

export type ServiceRow = {
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

export async function listServices(t: TenantTx): Promise<ServiceRow[]> {
  return t.db
    .select({
      id: services.id,
      code: services.code,
      nationalCode: services.nationalCode,
      name: services.name,
      kind: services.kind,
      priceVnd: services.priceVnd,
      resultUnit: services.resultUnit,
      referenceLow: services.referenceLow,
      referenceHigh: services.referenceHigh,
      active: services.active,
      version: services.version,
    })
    .from(services)
    .where(eq(services.tenantId, t.tenantId))
    .orderBy(asc(services.kind), asc(services.code));
}

export async function updateService(t: TenantTx, id: string, version: number, input: { name: string; priceVnd: number; active: boolean }) {
  return updateVersioned(t, services, id, version, input);
}

export type ServiceImportRow = { code: string; name: string; nationalCode: string | null; kind: ServiceKind; priceVnd: number };

/**
 * Adds the rows whose code is new and updates name, national code, kind and price of those the
 * hospital has (reactivating them), in the caller's transaction. The rows are already validated.
 */
export async function importServices(t: TenantTx, rows: readonly ServiceImportRow[]): Promise<{ added: number; updated: number }> {
  const existing = new Map(
    (await t.db.select({ id: services.id, code: services.code }).from(services).where(eq(services.tenantId, t.tenantId))).map((r) => [r.code, r.id]),
  );
  let added = 0;
  let updated = 0;
  for (const row of rows) {
    const id = existing.get(row.code);
    if (id) {
      await t.db
        .update(services)
        .set({ name: row.name, nationalCode: row.nationalCode, kind: row.kind, priceVnd: row.priceVnd, active: true, version: sql`${services.version} + 1` })
        .where(and(eq(services.tenantId, t.tenantId), eq(services.id, id)));
      updated++;
    } else {
      await t.db.insert(services).values({ tenantId: t.tenantId, ...row });
      added++;
    }
  }
  return { added, updated };
}

// --- formulary --------------------------------------------------------------------------------------

export type FormularyRow = {
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

export type FormularyInput = Omit<FormularyRow, "id" | "version" | "active" | "code">;

export async function listFormulary(t: TenantTx): Promise<FormularyRow[]> {
  return t.db
    .select({
      id: formularyItems.id,
      code: formularyItems.code,
      name: formularyItems.name,
      activeIngredient: formularyItems.activeIngredient,
      strength: formularyItems.strength,
      form: formularyItems.form,
      route: formularyItems.route,
      unit: formularyItems.unit,
      commonDose: formularyItems.commonDose,
      priceVnd: formularyItems.priceVnd,
      active: formularyItems.active,
      version: formularyItems.version,
    })
    .from(formularyItems)
    .where(eq(formularyItems.tenantId, t.tenantId))
    .orderBy(asc(formularyItems.activeIngredient), asc(formularyItems.code));
}

export async function addFormularyItem(t: TenantTx, input: FormularyInput & { code: string }) {
  return insertUnique(
    () => t.db.insert(formularyItems).values({ tenantId: t.tenantId, ...input }).onConflictDoNothing().returning({ id: formularyItems.id }),
    input.code,
  );
}

export async function updateFormularyItem(t: TenantTx, id: string, version: number, input: FormularyInput & { active: boolean }) {
  return updateVersioned(t, formularyItems, id, version, input);
}

// --- note forms -------------------------------------------------------------------------------------

export type NoteFormRow = { id: string; code: string; specialty: string; name: string; fields: NoteField[]; active: boolean; version: number };

export async function listNoteForms(t: TenantTx): Promise<NoteFormRow[]> {
  const rows = await t.db
    .select({ id: noteForms.id, code: noteForms.code, specialty: noteForms.specialty, name: noteForms.name, fields: noteForms.fields, active: noteForms.active, version: noteForms.version })
    .from(noteForms)
    .where(eq(noteForms.tenantId, t.tenantId))
    .orderBy(asc(noteForms.code));
  return rows.map((r) => ({ ...r, fields: r.fields as NoteField[] }));
}

export type NoteFieldEdit = { key: string; labelVi: string; labelEn: string; required: boolean; min: number | undefined; max: number | undefined };

/**
 * Edits a note form's name, active flag and, per field, its labels, whether it is required and its
 * normal range. Keys, types and options stay as they are (notes already written use them).
 */
export async function updateNoteForm(t: TenantTx, id: string, version: number, input: { name: string; active: boolean; fields: NoteFieldEdit[] }) {
  const [current] = await t.db.select({ fields: noteForms.fields }).from(noteForms).where(and(eq(noteForms.tenantId, t.tenantId), eq(noteForms.id, id)));
  if (!current) return null;
  const edits = new Map(input.fields.map((f) => [f.key, f]));
  const fields = (current.fields as NoteField[]).map((field) => {
    const edit = edits.get(field.key);
    if (!edit) return field;
    const next: NoteField = { ...field, label: { vi: edit.labelVi, en: edit.labelEn }, required: edit.required };
    if (field.type === "number") {
      next.min = edit.min;
      next.max = edit.max;
    }
    return next;
  });
  return updateVersioned(t, noteForms, id, version, { name: input.name, active: input.active, fields });
}
