// Signing and closing a visit: the note becomes final (the database refuses later edits), the visit is
// done with its disposition, and the signature records who, how, when and the hash of what was signed
// (app/signing/, decision 045). Either all of it happens or nothing does (one transaction).
import { and, eq } from "drizzle-orm";
import { visitNotes, visits, type Disposition } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { daggersOf } from "~/icd10/icd10-rules";
import { updateVersioned } from "~/lib/concurrency.server";
import { recordSignature, type SignatureRecord, type SignerConfirmation } from "~/signing/signing.server";
import { listDiagnoses } from "./diagnoses.server";
import { incompleteNoteFields, noteFieldsOf, type LocalizedText } from "./note-form";
import { getVisitNote, noteFormFor } from "./note.server";
import type { VisitHeader } from "./visit";

export type DispositionInput = {
  disposition: Disposition;
  followUpDate: string | null;
  referralTo: string | null;
  referralReason: string | null;
};

export type SignRefusal =
  | "visit:sign.refused.closed"
  | "visit:sign.refused.noNote"
  | "visit:sign.refused.incomplete"
  | "visit:sign.refused.noPrincipal"
  | "visit:sign.refused.missingDagger";

/** Why the visit cannot be signed; for an incomplete note, the parts to complete (the form's labels, vi and en). */
export type SignBlocker = { refusal: SignRefusal; fields?: LocalizedText[] };

export type SignResult = { ok: true; signature: SignatureRecord } | ({ ok: false } & SignBlocker);

/** What stops the visit from being signed now, or null. Checked before asking for the password. */
export async function signingBlocker(t: TenantTx, visit: VisitHeader): Promise<SignBlocker | null> {
  if (visit.status !== "in_progress" && visit.status !== "waiting") return { refusal: "visit:sign.refused.closed" };
  const note = await getVisitNote(t, visit.id);
  if (!note || note.status !== "draft") return { refusal: note ? "visit:sign.refused.closed" : "visit:sign.refused.noNote" };
  // The form the note was written on, checked the way the note page shows it (noteFieldsOf).
  const form = await noteFormFor(t, visit.roomSpecialty, note.formCode);
  const incomplete = incompleteNoteFields(noteFieldsOf(form), note.content);
  if (incomplete.length > 0) return { refusal: "visit:sign.refused.incomplete", fields: incomplete.map((f) => f.label) };
  const valid = (await listDiagnoses(t, visit.id)).filter((d) => d.status === "valid");
  if (!valid.some((d) => d.principal)) return { refusal: "visit:sign.refused.noPrincipal" };
  const codes = valid.map((d) => d.code.replace(".", ""));
  for (const d of valid) {
    const daggers = daggersOf(d.code);
    if (daggers && !daggers.some((code) => codes.includes(code))) return { refusal: "visit:sign.refused.missingDagger" };
  }
  return null;
}

export async function signVisit(t: TenantTx, visit: VisitHeader, confirmation: SignerConfirmation, disposition: DispositionInput): Promise<SignResult> {
  // Lock the visit's row for the check and the change: two signers at once do not both pass.
  await t.db.select({ id: visits.id }).from(visits).where(and(eq(visits.tenantId, t.tenantId), eq(visits.id, visit.id))).for("update");
  const blocker = await signingBlocker(t, visit);
  if (blocker) return { ok: false, ...blocker };
  const note = (await getVisitNote(t, visit.id))!;
  const diagnoses = (await listDiagnoses(t, visit.id)).filter((d) => d.status === "valid");
  const signedAt = new Date();
  await updateVersioned(t, visitNotes, note.id, note.version, { status: "signed" });
  await updateVersioned(t, visits, visit.id, visit.version, {
    status: "done",
    signedAt,
    signedBy: confirmation.signerId,
    disposition: disposition.disposition,
    followUpDate: disposition.followUpDate,
    referralTo: disposition.referralTo,
    referralReason: disposition.referralReason,
  });
  const signature = await recordSignature(t, {
    visitId: visit.id,
    patientId: visit.patientId,
    subject: "visit",
    subjectId: visit.id,
    confirmation,
    content: {
      visit: { id: visit.id, patientId: visit.patientId, mrn: visit.mrn, visitDate: visit.visitDate, room: visit.roomCode },
      note: { formCode: note.formCode, content: note.content },
      diagnoses: diagnoses.map((d) => ({ code: d.code, name: d.nameVi, principal: d.principal })),
      disposition,
    },
  });
  return { ok: true, signature };
}
