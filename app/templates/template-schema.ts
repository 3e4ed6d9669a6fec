// The shape of a hospital template (tenants/templates/*.json), checked by zod: every file in CI
// (app/templates/templates.test.ts) and again whenever a template is applied. Templates are data, never
// code paths (docs/decisions/040-templates-as-data.md): a new template is a new file that passes this
// schema and the cross-checks in checkTemplate().
import { z } from "zod";
import { PERMISSIONS } from "~/auth/permissions";
import { RESULT_KINDS, ROOM_KINDS, SERVICE_KINDS, WORKFLOW_STEPS } from "~db/schema/configuration";

const text = z.string().trim().min(1).max(200);
const code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, "a code is letters, digits, - and _, at most 40");
const bilingual = z.object({ vi: text, en: text }).strict();

export const NOTE_FIELD_TYPES = ["text", "longtext", "number", "select", "boolean"] as const;
export type NoteFieldType = (typeof NOTE_FIELD_TYPES)[number];

export const noteFieldSchema = z
  .object({
    key: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, "a field key is camelCase letters and digits"),
    label: bilingual,
    type: z.enum(NOTE_FIELD_TYPES),
    required: z.boolean(),
    unit: text.optional(),
    /** The normal range of a number field; a value outside it is flagged, not refused. */
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    options: z.array(z.object({ value: text, label: bilingual }).strict()).min(2).optional(),
  })
  .strict()
  .superRefine((field, ctx) => {
    if (field.type === "select" && !field.options) ctx.addIssue({ code: "custom", message: "a select field needs options" });
    if (field.type !== "select" && field.options) ctx.addIssue({ code: "custom", message: "only a select field has options" });
    if (field.type !== "number" && (field.min !== undefined || field.max !== undefined || field.unit !== undefined))
      ctx.addIssue({ code: "custom", message: "only a number field has a unit or a range" });
    if (field.min !== undefined && field.max !== undefined && field.min > field.max)
      ctx.addIssue({ code: "custom", message: "min is above max" });
  });
export type NoteField = z.infer<typeof noteFieldSchema>;

const priceVnd = z.number().int("a price is whole đồng").nonnegative("a price is not negative").max(1_000_000_000);

export const templateSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, "version is semver: major.minor.patch"),
    name: bilingual,
    description: bilingual,
    departments: z.array(z.object({ code, name: bilingual }).strict()).min(1),
    rooms: z
      .array(
        z
          .object({
            code,
            name: bilingual,
            kind: z.enum(ROOM_KINDS),
            department: code,
            specialty: code.optional(),
            beds: z.array(code).optional(),
          })
          .strict(),
      )
      .min(1),
    roles: z
      .array(z.object({ code, name: bilingual, permissions: z.array(z.string()).min(1) }).strict())
      .min(1),
    workflow: z
      .array(z.object({ step: z.enum(WORKFLOW_STEPS), roles: z.array(code).min(1), optional: z.boolean() }).strict())
      .min(1),
    noteForms: z
      .array(z.object({ code, specialty: code, name: bilingual, fields: z.array(noteFieldSchema).min(1) }).strict())
      .min(1),
    services: z
      .array(
        z
          .object({
            code,
            name: bilingual,
            /** The national equivalent code (QĐ 7603/QĐ-BYT), or null for what has none there (exams, bed days). */
            nationalCode: z.string().regex(/^\d{2}\.\d{4}\.\d{4}$/).nullable(),
            kind: z.enum(SERVICE_KINDS),
            priceVnd,
            room: code.optional(),
            result: z
              .object({
                kind: z.enum(RESULT_KINDS),
                unit: text.optional(),
                low: z.number().finite().optional(),
                high: z.number().finite().optional(),
              })
              .strict()
              .optional(),
          })
          .strict(),
      )
      .min(1),
    orderSets: z.array(z.object({ code, name: bilingual, services: z.array(code).min(1) }).strict()),
    formulary: z.array(
      z
        .object({
          code,
          name: text,
          activeIngredient: text,
          strength: text,
          form: text,
          route: text,
          unit: text,
          commonDose: text.optional(),
          priceVnd,
        })
        .strict(),
    ),
  })
  .strict();

export type Template = z.infer<typeof templateSchema>;

/** What the schema alone cannot see: references between parts, duplicates, the national list. */
export function checkTemplate(template: Template, nationalCodes: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const dupes = (what: string, codes: string[]) => {
    const seen = new Set<string>();
    for (const c of codes) {
      if (seen.has(c)) problems.push(`${what} ${c} appears twice`);
      seen.add(c);
    }
    return seen;
  };
  const departments = dupes("department", template.departments.map((d) => d.code));
  const rooms = dupes("room", template.rooms.map((r) => r.code));
  const roles = dupes("role", template.roles.map((r) => r.code));
  const services = dupes("service", template.services.map((s) => s.code));
  dupes("note form", template.noteForms.map((f) => f.code));
  dupes("order set", template.orderSets.map((o) => o.code));
  dupes("formulary item", template.formulary.map((d) => d.code));
  dupes("workflow step", template.workflow.map((w) => w.step));
  const specialties = new Set(template.noteForms.map((f) => f.specialty));

  for (const room of template.rooms) {
    if (!departments.has(room.department)) problems.push(`room ${room.code}: unknown department ${room.department}`);
    if (room.specialty && !specialties.has(room.specialty)) problems.push(`room ${room.code}: no note form for specialty ${room.specialty}`);
    if (room.kind === "clinic" && !room.specialty) problems.push(`room ${room.code}: a clinic needs a specialty`);
    if (room.beds) dupes(`bed in room ${room.code}:`, room.beds);
  }
  for (const role of template.roles) {
    for (const permission of role.permissions) {
      if (!(permission in PERMISSIONS)) problems.push(`role ${role.code}: unknown permission ${permission}`);
    }
  }
  for (const step of template.workflow) {
    for (const role of step.roles) if (!roles.has(role)) problems.push(`workflow ${step.step}: unknown role ${role}`);
  }
  for (const form of template.noteForms) dupes(`field of note form ${form.code}:`, form.fields.map((f) => f.key));
  for (const service of template.services) {
    if (service.room && !rooms.has(service.room)) problems.push(`service ${service.code}: unknown room ${service.room}`);
    if (service.nationalCode && !nationalCodes.has(service.nationalCode))
      problems.push(`service ${service.code}: national code ${service.nationalCode} is not in the national list`);
    if ((service.kind === "lab" || service.kind === "imaging") && !service.result)
      problems.push(`service ${service.code}: a ${service.kind} service needs a result kind`);
    const r = service.result;
    if (r && r.kind === "numeric" && !r.unit) problems.push(`service ${service.code}: a numeric result needs a unit`);
    if (r && r.low !== undefined && r.high !== undefined && r.low > r.high) problems.push(`service ${service.code}: low is above high`);
  }
  for (const set of template.orderSets) {
    for (const s of set.services) if (!services.has(s)) problems.push(`order set ${set.code}: unknown service ${s}`);
  }
  return problems;
}
