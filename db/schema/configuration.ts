// A hospital's configuration: rooms and beds, the services it offers and their prices, its formulary,
// its note forms, order sets and outpatient workflow. Copied in from a template (tenants/templates/),
// then the hospital's own to edit (docs/architecture.md §6). Nothing here is deleted: rows are
// deactivated, because visits, orders and prescriptions keep pointing at them.
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, numeric, text, unique, uuid } from "drizzle-orm/pg-core";
import { departments } from "./hospitals";
import { tenantForeignKey, tenantTable, timestamps, version } from "./kit";

export const ROOM_KINDS = ["reception", "triage", "clinic", "emergency", "ward", "lab", "imaging", "pharmacy", "cashier"] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export const rooms = tenantTable(
  "rooms",
  {
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ROOM_KINDS }).notNull(),
    departmentId: uuid("department_id"),
    /** For clinic rooms: the specialty whose note form the examination uses (a note_forms.specialty). */
    specialty: text("specialty"),
    active: boolean("active").notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    unique("rooms_tenant_code_key").on(t.tenantId, t.code),
    tenantForeignKey("rooms_department_fk", { tenantId: t.tenantId, column: t.departmentId }, departments),
  ],
);

export const beds = tenantTable(
  "beds",
  {
    roomId: uuid("room_id").notNull(),
    code: text("code").notNull(),
    active: boolean("active").notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    unique("beds_tenant_room_code_key").on(t.tenantId, t.roomId, t.code),
    tenantForeignKey("beds_room_fk", { tenantId: t.tenantId, column: t.roomId }, rooms),
  ],
);

export const SERVICE_KINDS = ["exam", "lab", "imaging", "procedure", "bed"] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const RESULT_KINDS = ["numeric", "text"] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export const services = tenantTable(
  "services",
  {
    /** The hospital's own code. */
    code: text("code").notNull(),
    /** The national code (technical services list, or the insurance's equivalent code), when it has one. */
    nationalCode: text("national_code"),
    name: text("name").notNull(),
    kind: text("kind", { enum: SERVICE_KINDS }).notNull(),
    /** Price in đồng (VND has no minor unit). */
    priceVnd: bigint("price_vnd", { mode: "number" }).notNull(),
    /** For lab and imaging: the room whose worklist receives the order. */
    roomId: uuid("room_id"),
    /** For lab results: what a result is, its unit and reference range (absent bounds: not checked). */
    resultKind: text("result_kind", { enum: RESULT_KINDS }),
    resultUnit: text("result_unit"),
    referenceLow: numeric("reference_low"),
    referenceHigh: numeric("reference_high"),
    active: boolean("active").notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    unique("services_tenant_code_key").on(t.tenantId, t.code),
    tenantForeignKey("services_room_fk", { tenantId: t.tenantId, column: t.roomId }, rooms),
    index("services_tenant_kind_idx").on(t.tenantId, t.kind, t.code),
  ],
);

export const formularyItems = tenantTable(
  "formulary_items",
  {
    code: text("code").notNull(),
    /** The name on the box (brand or generic), shown to the prescriber. */
    name: text("name").notNull(),
    activeIngredient: text("active_ingredient").notNull(),
    strength: text("strength").notNull(),
    /** Dosage form: tablet, capsule, syrup, injection... */
    form: text("form").notNull(),
    route: text("route").notNull(),
    /** The unit dispensed and counted: viên, ống, chai... */
    unit: text("unit").notNull(),
    commonDose: text("common_dose"),
    priceVnd: bigint("price_vnd", { mode: "number" }).notNull().default(0),
    active: boolean("active").notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    unique("formulary_items_tenant_code_key").on(t.tenantId, t.code),
    index("formulary_items_tenant_ingredient_idx").on(t.tenantId, sql`lower(active_ingredient)`),
  ],
);

/**
 * A note form as data: its fields (key, label in both languages, type, required, unit, normal range),
 * validated by the template schema (app/templates/). One per specialty, plus the general one.
 */
export const noteForms = tenantTable(
  "note_forms",
  {
    code: text("code").notNull(),
    specialty: text("specialty").notNull(),
    name: text("name").notNull(),
    fields: jsonb("fields").notNull(),
    active: boolean("active").notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [unique("note_forms_tenant_code_key").on(t.tenantId, t.code)],
);

export const orderSets = tenantTable(
  "order_sets",
  {
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** services.code of each service the set orders. */
    serviceCodes: text("service_codes").array().notNull(),
    active: boolean("active").notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [unique("order_sets_tenant_code_key").on(t.tenantId, t.code)],
);

export const WORKFLOW_STEPS = ["reception", "triage", "examination", "orders", "prescription", "cashier", "pharmacy"] as const;
export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];

/** The outpatient workflow: its steps in order, who acts at each, which may be skipped. */
export const workflowSteps = tenantTable(
  "workflow_steps",
  {
    step: text("step", { enum: WORKFLOW_STEPS }).notNull(),
    position: integer("position").notNull(),
    /** Role codes of the people who act at this step. */
    roles: text("roles").array().notNull(),
    optional: boolean("optional").notNull().default(false),
    version: version(),
    ...timestamps(),
  },
  (t) => [unique("workflow_steps_tenant_step_key").on(t.tenantId, t.step)],
);
