// Applying a template copies it into the hospital's own tables (docs/architecture.md §6, decision 040):
//   applyTemplate(t, code)        in the caller's one transaction; idempotent: every row is inserted
//                                 only if the hospital has nothing with that code yet (never an update),
//                                 so applying twice writes nothing and a hospital's edits are never undone
//   diffTemplate(t)               what the newest version of the hospital's template has that the
//                                 hospital does not (by code): the admin chooses, nothing is silent
//   addTemplateItems(t, keys)     adds the chosen items (and what they need), records the new version
import { and, eq } from "drizzle-orm";
import {
  beds,
  departments,
  formularyItems,
  hospitalTemplates,
  noteForms,
  orderSets,
  rooms,
  services,
  WORKFLOW_STEPS,
  workflowSteps,
} from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { compareVersions, findTemplate, type RegisteredTemplate } from "./registry.server";
import { installTemplateRoles, templateRoles } from "./template-roles.server";
import type { Template } from "./template-schema";

export class UnknownTemplateError extends Error {
  constructor(code: string) {
    super(`no template ${code}`);
    this.name = "UnknownTemplateError";
  }
}

/** The parts of a template that become rows (roles go through installTemplateRoles). */
type Content = Pick<Template, "departments" | "rooms" | "services" | "formulary" | "noteForms" | "orderSets" | "workflow">;

export type AppliedTemplate = { code: string; version: string; contentHash: string; appliedAt: Date };

export async function getAppliedTemplate(t: TenantTx): Promise<AppliedTemplate | null> {
  const [row] = await t.db
    .select({ code: hospitalTemplates.templateCode, version: hospitalTemplates.templateVersion, contentHash: hospitalTemplates.contentHash, appliedAt: hospitalTemplates.appliedAt })
    .from(hospitalTemplates)
    .where(eq(hospitalTemplates.tenantId, t.tenantId));
  return row ?? null;
}

async function codeMap(t: TenantTx, table: typeof departments | typeof rooms): Promise<Map<string, string>> {
  const rows = await t.db.select({ id: table.id, code: table.code }).from(table).where(eq(table.tenantId, t.tenantId));
  return new Map(rows.map((r) => [r.code, r.id]));
}

const numericText = (n: number | undefined) => (n === undefined ? null : String(n));

/** Inserts what the hospital does not have yet, by code; never updates a row the hospital has. */
async function insertContent(t: TenantTx, content: Content): Promise<void> {
  const tenantId = t.tenantId;
  if (content.departments.length) {
    await t.db
      .insert(departments)
      .values(content.departments.map((d) => ({ tenantId, code: d.code, name: d.name.vi })))
      .onConflictDoNothing({ target: [departments.tenantId, departments.code] });
  }
  const departmentIds = await codeMap(t, departments);
  if (content.rooms.length) {
    await t.db
      .insert(rooms)
      .values(
        content.rooms.map((r) => ({
          tenantId,
          code: r.code,
          name: r.name.vi,
          kind: r.kind,
          departmentId: departmentIds.get(r.department) ?? null,
          specialty: r.specialty ?? null,
        })),
      )
      .onConflictDoNothing({ target: [rooms.tenantId, rooms.code] });
  }
  const roomIds = await codeMap(t, rooms);
  const bedRows = content.rooms.flatMap((r) => (r.beds ?? []).map((code) => ({ tenantId, roomId: roomIds.get(r.code)!, code })));
  if (bedRows.length) await t.db.insert(beds).values(bedRows).onConflictDoNothing({ target: [beds.tenantId, beds.roomId, beds.code] });
  if (content.services.length) {
    await t.db
      .insert(services)
      .values(
        content.services.map((s) => ({
          tenantId,
          code: s.code,
          nationalCode: s.nationalCode,
          name: s.name.vi,
          kind: s.kind,
          priceVnd: s.priceVnd,
          roomId: s.room ? (roomIds.get(s.room) ?? null) : null,
          resultKind: s.result?.kind ?? null,
          resultUnit: s.result?.unit ?? null,
          referenceLow: numericText(s.result?.low),
          referenceHigh: numericText(s.result?.high),
        })),
      )
      .onConflictDoNothing({ target: [services.tenantId, services.code] });
  }
  if (content.formulary.length) {
    await t.db
      .insert(formularyItems)
      .values(content.formulary.map((d) => ({ tenantId, ...d, commonDose: d.commonDose ?? null })))
      .onConflictDoNothing({ target: [formularyItems.tenantId, formularyItems.code] });
  }
  if (content.noteForms.length) {
    await t.db
      .insert(noteForms)
      .values(content.noteForms.map((f) => ({ tenantId, code: f.code, specialty: f.specialty, name: f.name.vi, fields: f.fields })))
      .onConflictDoNothing({ target: [noteForms.tenantId, noteForms.code] });
  }
  if (content.orderSets.length) {
    await t.db
      .insert(orderSets)
      .values(content.orderSets.map((o) => ({ tenantId, code: o.code, name: o.name.vi, serviceCodes: o.services })))
      .onConflictDoNothing({ target: [orderSets.tenantId, orderSets.code] });
  }
  if (content.workflow.length) {
    await t.db
      .insert(workflowSteps)
      // The position is the step's place in the outpatient path, whichever steps are inserted together.
      .values(content.workflow.map((w) => ({ tenantId, step: w.step, position: WORKFLOW_STEPS.indexOf(w.step), roles: w.roles, optional: w.optional })))
      .onConflictDoNothing({ target: [workflowSteps.tenantId, workflowSteps.step] });
  }
}

/** Records the template and version the hospital's copy is at; writes nothing when already so. */
async function recordTemplate(t: TenantTx, registered: RegisteredTemplate): Promise<void> {
  const { template, contentHash } = registered;
  const current = await getAppliedTemplate(t);
  if (current && current.code === template.code && current.version === template.version && current.contentHash === contentHash) return;
  if (!current) {
    await t.db.insert(hospitalTemplates).values({ tenantId: t.tenantId, templateCode: template.code, templateVersion: template.version, contentHash });
    return;
  }
  await t.db
    .update(hospitalTemplates)
    .set({ templateCode: template.code, templateVersion: template.version, contentHash, appliedAt: new Date() })
    .where(eq(hospitalTemplates.tenantId, t.tenantId));
}

/** Applies a registered template (or, in tests, an older version of one) in the caller's transaction. */
export async function applyTemplateData(t: TenantTx, registered: RegisteredTemplate): Promise<void> {
  await installTemplateRoles(t, templateRoles(registered.template));
  await insertContent(t, registered.template);
  await recordTemplate(t, registered);
}

/** Applies a shipped template by code: one transaction (the caller's), idempotent. */
export async function applyTemplate(t: TenantTx, code: string): Promise<AppliedTemplate> {
  const registered = findTemplate(code);
  if (!registered) throw new UnknownTemplateError(code);
  await applyTemplateData(t, registered);
  return (await getAppliedTemplate(t))!;
}

// --- upgrades -------------------------------------------------------------------------------------

export const ADDITION_KINDS = ["department", "room", "bed", "service", "formulary", "noteForm", "orderSet", "workflowStep"] as const;
export type AdditionKind = (typeof ADDITION_KINDS)[number];

/** One thing the newer version has and the hospital does not; `key` is what the admin ticks. */
export type Addition = { key: string; kind: AdditionKind; code: string; name: string };

export type TemplateDiff = {
  applied: AppliedTemplate;
  latest: { code: string; version: string; name: string };
  /** True when the shipped version is newer than the one recorded for the hospital. */
  newer: boolean;
  additions: Addition[];
};

async function existingCodes(t: TenantTx) {
  const id = t.tenantId;
  const codes = async (table: typeof services | typeof formularyItems | typeof noteForms | typeof orderSets) =>
    new Set((await t.db.select({ code: table.code }).from(table).where(eq(table.tenantId, id))).map((r) => r.code));
  const bedRows = await t.db
    .select({ room: rooms.code, bed: beds.code })
    .from(beds)
    .innerJoin(rooms, and(eq(rooms.tenantId, beds.tenantId), eq(rooms.id, beds.roomId)))
    .where(eq(beds.tenantId, id));
  const steps = await t.db.select({ step: workflowSteps.step }).from(workflowSteps).where(eq(workflowSteps.tenantId, id));
  return {
    department: new Set((await codeMap(t, departments)).keys()),
    room: new Set((await codeMap(t, rooms)).keys()),
    bed: new Set(bedRows.map((b) => `${b.room}/${b.bed}`)),
    service: await codes(services),
    formulary: await codes(formularyItems),
    noteForm: await codes(noteForms),
    orderSet: await codes(orderSets),
    workflowStep: new Set<string>(steps.map((s) => s.step)),
  } satisfies Record<AdditionKind, Set<string>>;
}

function additionsOf(template: Template, have: Awaited<ReturnType<typeof existingCodes>>): Addition[] {
  const out: Addition[] = [];
  const add = (kind: AdditionKind, code: string, name: string) => {
    if (!have[kind].has(code)) out.push({ key: `${kind}:${code}`, kind, code, name });
  };
  for (const d of template.departments) add("department", d.code, d.name.vi);
  for (const r of template.rooms) {
    add("room", r.code, r.name.vi);
    // A new room brings its beds; beds are listed on their own only for a room the hospital has.
    if (have.room.has(r.code)) for (const b of r.beds ?? []) add("bed", `${r.code}/${b}`, `${r.name.vi} · ${b}`);
  }
  for (const s of template.services) add("service", s.code, s.name.vi);
  for (const d of template.formulary) add("formulary", d.code, d.name);
  for (const f of template.noteForms) add("noteForm", f.code, f.name.vi);
  for (const o of template.orderSets) add("orderSet", o.code, o.name.vi);
  for (const w of template.workflow) add("workflowStep", w.step, w.step);
  return out;
}

/** What the newest version of the hospital's template would add; null when no template was applied. */
export async function diffTemplate(t: TenantTx, latest?: RegisteredTemplate): Promise<TemplateDiff | null> {
  const applied = await getAppliedTemplate(t);
  if (!applied) return null;
  const registered = latest ?? findTemplate(applied.code);
  if (!registered) return null;
  const { template } = registered;
  return {
    applied,
    latest: { code: template.code, version: template.version, name: template.name.vi },
    newer: compareVersions(template.version, applied.version) > 0,
    additions: additionsOf(template, await existingCodes(t)),
  };
}

/**
 * Adds the chosen additions (keys from diffTemplate), with what they need (a room's department, a
 * service's room, an order set's services), in the caller's transaction, and records the newest version
 * as the hospital's. Unknown keys are ignored; returns the keys added.
 */
export async function addTemplateItems(t: TenantTx, keys: readonly string[], latest?: RegisteredTemplate): Promise<string[]> {
  const diff = await diffTemplate(t, latest);
  if (!diff) return [];
  const registered = latest ?? findTemplate(diff.applied.code)!;
  const { template } = registered;
  const chosen = new Set(keys.filter((k) => diff.additions.some((a) => a.key === k)));
  const pick = (kind: AdditionKind, code: string) => chosen.has(`${kind}:${code}`);

  const serviceCodes = new Set(template.services.filter((s) => pick("service", s.code)).map((s) => s.code));
  for (const o of template.orderSets) if (pick("orderSet", o.code)) o.services.forEach((s) => serviceCodes.add(s));
  const roomCodes = new Set(template.rooms.filter((r) => pick("room", r.code)).map((r) => r.code));
  for (const s of template.services) if (serviceCodes.has(s.code) && s.room) roomCodes.add(s.room);
  const bedsByRoom = new Map<string, string[]>();
  for (const r of template.rooms) {
    const chosenBeds = (r.beds ?? []).filter((b) => pick("bed", `${r.code}/${b}`));
    if (chosenBeds.length) {
      roomCodes.add(r.code);
      bedsByRoom.set(r.code, chosenBeds);
    }
  }
  const departmentCodes = new Set(template.departments.filter((d) => pick("department", d.code)).map((d) => d.code));
  for (const r of template.rooms) if (roomCodes.has(r.code)) departmentCodes.add(r.department);

  await insertContent(t, {
    departments: template.departments.filter((d) => departmentCodes.has(d.code)),
    // A room newly chosen brings all its beds; a room the hospital has gets only the beds chosen.
    rooms: template.rooms
      .filter((r) => roomCodes.has(r.code))
      .map((r) => (pick("room", r.code) ? r : { ...r, beds: bedsByRoom.get(r.code) ?? [] })),
    services: template.services.filter((s) => serviceCodes.has(s.code)),
    formulary: template.formulary.filter((d) => pick("formulary", d.code)),
    noteForms: template.noteForms.filter((f) => pick("noteForm", f.code)),
    orderSets: template.orderSets.filter((o) => pick("orderSet", o.code)),
    workflow: template.workflow.filter((w) => pick("workflowStep", w.step)),
  });
  await recordTemplate(t, registered);
  return [...chosen];
}
