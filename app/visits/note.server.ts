// The examination note: a server-side draft saved as the clinician types (each save names the version
// it read, decision 046), signed with the visit (app/signing/), amended afterwards only by addenda.
import { and, asc, eq } from "drizzle-orm";
import { noteAddenda, noteForms, visitNotes } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { StaleWriteError, updateVersioned } from "~/lib/concurrency.server";
import { BUILT_IN_GENERAL_FORM, readFormFields, type NoteForm } from "./note-form";

export type VisitNote = {
  id: string;
  formCode: string;
  content: Record<string, string>;
  status: "draft" | "signed";
  updatedByName: string | null;
  updatedAt: Date;
  version: number;
};

export type Addendum = { id: string; text: string; authorName: string; createdAt: Date };

/** Refused: the note is signed; only an addendum may follow. */
export class NoteSignedError extends Error {
  constructor() {
    super("the note is signed");
    this.name = "NoteSignedError";
  }
}

/** The note form for a room's specialty, else the hospital's general form, else the built-in one. */
export async function noteFormFor(t: TenantTx, specialty: string | null, code?: string): Promise<NoteForm> {
  const rows = await t.db
    .select({ code: noteForms.code, specialty: noteForms.specialty, name: noteForms.name, fields: noteForms.fields })
    .from(noteForms)
    .where(and(eq(noteForms.tenantId, t.tenantId), eq(noteForms.active, true)))
    .orderBy(asc(noteForms.code));
  const pick =
    (code ? rows.find((r) => r.code === code) : undefined) ??
    (specialty ? rows.find((r) => r.specialty === specialty) : undefined) ??
    rows.find((r) => r.specialty === "general");
  if (!pick) return BUILT_IN_GENERAL_FORM;
  return { code: pick.code, specialty: pick.specialty, name: pick.name, fields: readFormFields(pick.fields) };
}

const noteColumns = {
  id: visitNotes.id,
  formCode: visitNotes.formCode,
  content: visitNotes.content,
  status: visitNotes.status,
  updatedByName: visitNotes.updatedByName,
  updatedAt: visitNotes.updatedAt,
  version: visitNotes.version,
};

export async function getVisitNote(t: TenantTx, visitId: string): Promise<VisitNote | null> {
  const [note] = await t.db
    .select(noteColumns)
    .from(visitNotes)
    .where(and(eq(visitNotes.tenantId, t.tenantId), eq(visitNotes.visitId, visitId)));
  return note ?? null;
}

/**
 * Saves the draft. `expectedVersion` is the version the page read, 0 when there was no note yet.
 * A stale version (a colleague saved first, or created the note first) throws StaleWriteError and
 * writes nothing; a signed note throws NoteSignedError.
 */
export async function saveNoteDraft(
  t: TenantTx,
  visit: { id: string; patientId: string },
  input: { formCode: string; content: Record<string, string>; expectedVersion: number; byName: string },
): Promise<VisitNote> {
  const current = await getVisitNote(t, visit.id);
  if (current?.status === "signed") throw new NoteSignedError();
  if (!current) {
    if (input.expectedVersion !== 0) throw new Error("saveNoteDraft: no note at that version");
    // Two first saves at once: the unique (tenant, visit) lets one in; the other gets the conflict.
    const [created] = await t.db
      .insert(visitNotes)
      .values({
        tenantId: t.tenantId,
        visitId: visit.id,
        patientId: visit.patientId,
        formCode: input.formCode,
        content: input.content,
        createdBy: t.actor.userId,
        updatedBy: t.actor.userId,
        updatedByName: input.byName,
      })
      .onConflictDoNothing()
      .returning(noteColumns);
    if (created) return created;
    const latest = await getVisitNote(t, visit.id);
    throw new StaleWriteError({ entityType: "visit_notes", entityId: latest?.id ?? visit.id, expectedVersion: 0, currentVersion: latest?.version ?? 1 });
  }
  if (input.expectedVersion === 0) {
    throw new StaleWriteError({ entityType: "visit_notes", entityId: current.id, expectedVersion: 0, currentVersion: current.version });
  }
  const updated = await updateVersioned(t, visitNotes, current.id, input.expectedVersion, {
    content: input.content,
    updatedBy: t.actor.userId,
    updatedByName: input.byName,
  });
  if (!updated) throw new Error("saveNoteDraft: the note disappeared");
  return { ...current, content: updated.content, version: updated.version, updatedByName: updated.updatedByName, updatedAt: updated.updatedAt };
}

export const ADDENDUM_MAX_LENGTH = 4000;

export async function listAddenda(t: TenantTx, visitId: string): Promise<Addendum[]> {
  return t.db
    .select({ id: noteAddenda.id, text: noteAddenda.text, authorName: noteAddenda.authorName, createdAt: noteAddenda.createdAt })
    .from(noteAddenda)
    .where(and(eq(noteAddenda.tenantId, t.tenantId), eq(noteAddenda.visitId, visitId)))
    .orderBy(asc(noteAddenda.createdAt));
}

/** Adds an addendum to a signed note (a draft is simply edited). Null when the note is not signed. */
export async function addAddendum(t: TenantTx, visit: { id: string; patientId: string }, text: string, authorName: string): Promise<Addendum | null> {
  const note = await getVisitNote(t, visit.id);
  if (!note || note.status !== "signed") return null;
  const [row] = await t.db
    .insert(noteAddenda)
    .values({ tenantId: t.tenantId, visitId: visit.id, noteId: note.id, patientId: visit.patientId, text, authorId: t.actor.userId, authorName })
    .returning({ id: noteAddenda.id, text: noteAddenda.text, authorName: noteAddenda.authorName, createdAt: noteAddenda.createdAt });
  return row ?? null;
}
