// The clinical content of an outpatient visit (docs/architecture.md §2, §3): vital signs, the examination
// note and its addenda, diagnoses, signatures; and what follows the patient across visits: allergies and
// the problem list. Tenant tables through the kit. Nothing is deleted: a wrong entry is marked
// entered-in-error (who, when), a signed note is amended by an addendum, never edited.
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, numeric, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { tenantForeignKey, tenantTable, timestamps, version } from "./kit";
import { patients } from "./patients";
import { visits } from "./visits";

/** A recorded entry is valid until someone marks it entered in error (kept, shown struck through). */
export const ENTRY_STATUSES = ["valid", "entered_in_error"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const vitals = tenantTable(
  "vitals",
  {
    visitId: uuid("visit_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    /** Beats per minute. */
    pulse: integer("pulse"),
    /** mmHg. */
    systolic: integer("systolic"),
    diastolic: integer("diastolic"),
    /** °C, one decimal. */
    temperature: numeric("temperature", { precision: 4, scale: 1 }),
    /** Breaths per minute. */
    respiratoryRate: integer("respiratory_rate"),
    /** %. */
    spo2: integer("spo2"),
    /** kg, one decimal. */
    weightKg: numeric("weight_kg", { precision: 5, scale: 1 }),
    /** cm, one decimal. */
    heightCm: numeric("height_cm", { precision: 5, scale: 1 }),
    status: text("status", { enum: ENTRY_STATUSES }).notNull().default("valid"),
    markedBy: uuid("marked_by").references(() => users.id),
    markedAt: timestamp("marked_at", { withTimezone: true }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey("vitals_visit_fk", { tenantId: t.tenantId, column: t.visitId }, visits),
    tenantForeignKey("vitals_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
    index("vitals_tenant_visit_idx").on(t.tenantId, t.visitId, t.recordedAt),
    // The chart's trend: a patient's vitals, newest first.
    index("vitals_tenant_patient_idx").on(t.tenantId, t.patientId, t.recordedAt),
  ],
);

export const NOTE_STATUSES = ["draft", "signed"] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

/**
 * The examination note of a visit: one per visit. While a draft, it is saved as the clinician types
 * (each save names the version it read: a second clinician's stale save is a conflict, decision 046);
 * once signed, never updated again (the database refuses it, see the custom migration), only amended.
 */
export const visitNotes = tenantTable(
  "visit_notes",
  {
    visitId: uuid("visit_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    /** note_forms.code of the form the note was written on. */
    formCode: text("form_code").notNull(),
    /** Field key -> text, for the form's fields (reason, history, examination, assessment, plan, ...). */
    content: jsonb("content").notNull().$type<Record<string, string>>(),
    status: text("status", { enum: NOTE_STATUSES }).notNull().default("draft"),
    createdBy: uuid("created_by").references(() => users.id),
    updatedBy: uuid("updated_by").references(() => users.id),
    /** Display name of who saved last, for the conflict notice (names live in the identity scope). */
    updatedByName: text("updated_by_name"),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("visit_notes_tenant_visit_key").on(t.tenantId, t.visitId),
    tenantForeignKey("visit_notes_visit_fk", { tenantId: t.tenantId, column: t.visitId }, visits),
    tenantForeignKey("visit_notes_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
  ],
);

/** What amends a signed note: its own text, author and time; both stay visible. */
export const noteAddenda = tenantTable(
  "note_addenda",
  {
    visitId: uuid("visit_id").notNull(),
    noteId: uuid("note_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    text: text("text").notNull(),
    authorId: uuid("author_id").references(() => users.id),
    authorName: text("author_name").notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey("note_addenda_visit_fk", { tenantId: t.tenantId, column: t.visitId }, visits),
    tenantForeignKey("note_addenda_note_fk", { tenantId: t.tenantId, column: t.noteId }, visitNotes),
    tenantForeignKey("note_addenda_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
    index("note_addenda_tenant_visit_idx").on(t.tenantId, t.visitId, t.createdAt),
  ],
);

export const diagnoses = tenantTable(
  "diagnoses",
  {
    visitId: uuid("visit_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    /** ICD-10 code with its dot, as in the Ministry's list (J18.9). */
    code: text("code").notNull(),
    /** The names at the time of diagnosis (the catalog may be revised later). */
    nameVi: text("name_vi").notNull(),
    nameEn: text("name_en").notNull(),
    principal: boolean("principal").notNull(),
    status: text("status", { enum: ENTRY_STATUSES }).notNull().default("valid"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    markedBy: uuid("marked_by").references(() => users.id),
    markedAt: timestamp("marked_at", { withTimezone: true }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey("diagnoses_visit_fk", { tenantId: t.tenantId, column: t.visitId }, visits),
    tenantForeignKey("diagnoses_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
    // One principal diagnosis per visit, and each code once, among valid entries.
    uniqueIndex("diagnoses_one_principal_key").on(t.tenantId, t.visitId).where(sql`principal and status = 'valid'`),
    uniqueIndex("diagnoses_code_once_key").on(t.tenantId, t.visitId, t.code).where(sql`status = 'valid'`),
    index("diagnoses_tenant_patient_idx").on(t.tenantId, t.patientId),
  ],
);

/** Allergies and problems: active until resolved; entered_in_error when recorded by mistake. */
export const LIST_STATUSES = ["active", "resolved", "entered_in_error"] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export const ALLERGY_SEVERITIES = ["mild", "moderate", "severe"] as const;
export type AllergySeverity = (typeof ALLERGY_SEVERITIES)[number];

export const allergies = tenantTable(
  "allergies",
  {
    patientId: uuid("patient_id").notNull(),
    /** The drug, food or other substance, as written (a prescription check compares ingredients). */
    substance: text("substance").notNull(),
    reaction: text("reaction"),
    severity: text("severity", { enum: ALLERGY_SEVERITIES }),
    status: text("status", { enum: LIST_STATUSES }).notNull().default("active"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    /** The visit during which it was recorded, when there was one. */
    visitId: uuid("visit_id"),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey("allergies_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
    tenantForeignKey("allergies_visit_fk", { tenantId: t.tenantId, column: t.visitId }, visits),
    index("allergies_tenant_patient_idx").on(t.tenantId, t.patientId),
  ],
);

export const problems = tenantTable(
  "problems",
  {
    patientId: uuid("patient_id").notNull(),
    description: text("description").notNull(),
    /** ICD-10 code, when the problem has one. */
    code: text("code"),
    onset: text("onset"),
    status: text("status", { enum: LIST_STATUSES }).notNull().default("active"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    visitId: uuid("visit_id"),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey("problems_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
    tenantForeignKey("problems_visit_fk", { tenantId: t.tenantId, column: t.visitId }, visits),
    index("problems_tenant_patient_idx").on(t.tenantId, t.patientId),
  ],
);

export const SIGNATURE_METHODS = ["password"] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

/**
 * A signature over a visit's record or an addendum (app/signing/, decision 045): who, when, by which
 * method, and the SHA-256 of the canonical signed content, so a later change is detectable.
 */
export const signatures = tenantTable(
  "signatures",
  {
    visitId: uuid("visit_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    /** What was signed: the visit's note and diagnoses, or one addendum. */
    subject: text("subject", { enum: ["visit", "addendum"] }).notNull(),
    subjectId: uuid("subject_id").notNull(),
    method: text("method", { enum: SIGNATURE_METHODS }).notNull(),
    signerId: uuid("signer_id")
      .notNull()
      .references(() => users.id),
    /** The signer's name as shown when signing (names live in the identity scope). */
    signerName: text("signer_name").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
    contentHash: text("content_hash").notNull(),
    /** The canonical content that was hashed, kept so the hash can be checked again. */
    content: jsonb("content").notNull(),
    ...timestamps(),
  },
  (t) => [
    tenantForeignKey("signatures_visit_fk", { tenantId: t.tenantId, column: t.visitId }, visits),
    tenantForeignKey("signatures_patient_fk", { tenantId: t.tenantId, column: t.patientId }, patients),
    index("signatures_tenant_visit_idx").on(t.tenantId, t.visitId),
  ],
);
