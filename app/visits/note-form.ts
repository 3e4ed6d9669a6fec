// The examination note's form: the hospital's note form for the room's specialty (note_forms.fields, data
// from the template, labels and required parts editable in the settings), or, for a hospital without one,
// the five built-in parts (reason for visit, history, examination, assessment, plan). Client-safe: the
// page renders, the server validates and signing checks from the same list (noteFieldsOf).
import { z } from "zod";

export const NOTE_FIELD_TYPES = ["text", "longtext", "number", "select", "boolean"] as const;
export type NoteFieldType = (typeof NOTE_FIELD_TYPES)[number];

export type LocalizedText = { vi: string; en: string };
export type NoteFormField = {
  key: string;
  label: LocalizedText;
  type: NoteFieldType;
  required?: boolean;
  unit?: string;
  min?: number;
  max?: number;
  options?: { value: string; label: LocalizedText }[];
};

export type NoteForm = { code: string; specialty: string; name: string; fields: NoteFormField[] };

/** The built-in note's parts: the form of a hospital that has no note form of its own. */
export const CORE_NOTE_FIELDS: NoteFormField[] = [
  { key: "reason", label: { vi: "Lý do khám", en: "Reason for visit" }, type: "text", required: true },
  { key: "history", label: { vi: "Bệnh sử", en: "History of present illness" }, type: "longtext" },
  { key: "examination", label: { vi: "Khám lâm sàng", en: "Examination" }, type: "longtext", required: true },
  { key: "assessment", label: { vi: "Đánh giá", en: "Assessment" }, type: "longtext" },
  { key: "plan", label: { vi: "Hướng xử trí", en: "Plan" }, type: "longtext" },
];

/** The general form, when the hospital has none for the room's specialty (nor a general one). */
export const BUILT_IN_GENERAL_FORM: NoteForm = { code: "general", specialty: "general", name: "Khám bệnh chung", fields: [] };

/** Longest text per field type: a long note fits, a pasted document does not (refused with a message). */
export const NOTE_LIMITS = { text: 500, longtext: 8000, number: 20, select: 100, boolean: 5 } as const;

const KEY = /^[a-z][a-zA-Z0-9_]{0,40}$/;

/** The form's fields as stored (jsonb), keeping only well-formed ones: a bad template cannot break the page. */
export function readFormFields(value: unknown): NoteFormField[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw): NoteFormField[] => {
    if (!raw || typeof raw !== "object") return [];
    const f = raw as Record<string, unknown>;
    const label = f.label as Partial<LocalizedText> | undefined;
    if (typeof f.key !== "string" || !KEY.test(f.key)) return [];
    if (typeof f.type !== "string" || !(NOTE_FIELD_TYPES as readonly string[]).includes(f.type)) return [];
    if (!label || typeof label.vi !== "string") return [];
    return [
      {
        key: f.key,
        label: { vi: label.vi, en: typeof label.en === "string" ? label.en : label.vi },
        type: f.type as NoteFieldType,
        required: f.required === true,
        unit: typeof f.unit === "string" ? f.unit : undefined,
        min: typeof f.min === "number" ? f.min : undefined,
        max: typeof f.max === "number" ? f.max : undefined,
        options: Array.isArray(f.options) ? (f.options as NoteFormField["options"]) : undefined,
      },
    ];
  });
}

/**
 * The fields of a note on this form: the hospital's form as it stands (its order, labels and required
 * parts), or the built-in parts when the form has none. The templates' forms carry their own reason,
 * history, examination parts (general, cardio…), working diagnosis, assessment and plan; merging the
 * built-in parts in would hide the form's required flags and ask for a built-in "examination" that the
 * form does not show in its place (decision 052).
 */
export function noteFieldsOf(form: NoteForm): NoteFormField[] {
  return form.fields.length > 0 ? form.fields : CORE_NOTE_FIELDS;
}

/** The parts that stop signing (required and empty, or not valid), in the form's order: named to the clinician. */
export function incompleteNoteFields(fields: NoteFormField[], content: Record<string, string>): NoteFormField[] {
  const errors = checkNoteContent(fields, content, true);
  return fields.filter((f) => errors[f.key] !== undefined);
}

export type NoteFieldError = "visit:note.errors.tooLong" | "visit:note.errors.number" | "visit:note.errors.range" | "visit:note.errors.option" | "visit:note.errors.required";

/**
 * Checks a note's content: every field within its limit and type. `complete` also asks for the
 * required fields (signing); a draft may be incomplete. Returns field -> error.
 */
export function checkNoteContent(fields: NoteFormField[], content: Record<string, string>, complete: boolean): Record<string, NoteFieldError> {
  const errors: Record<string, NoteFieldError> = {};
  for (const field of fields) {
    const value = (content[field.key] ?? "").trim();
    if (value.length > NOTE_LIMITS[field.type]) errors[field.key] = "visit:note.errors.tooLong";
    else if (value && field.type === "number") {
      const n = Number(value.replace(",", "."));
      if (!Number.isFinite(n)) errors[field.key] = "visit:note.errors.number";
      else if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) errors[field.key] = "visit:note.errors.range";
    } else if (value && field.type === "select" && field.options && !field.options.some((o) => o.value === value)) {
      errors[field.key] = "visit:note.errors.option";
    } else if (!value && complete && field.required) errors[field.key] = "visit:note.errors.required";
  }
  return errors;
}

/** The form's content read from a submitted form (only the form's own keys). */
export function readNoteContent(fields: NoteFormField[], form: FormData): Record<string, string> {
  const content: Record<string, string> = {};
  for (const field of fields) {
    const value = form.get(`f_${field.key}`);
    // A checkbox sends nothing when unchecked.
    content[field.key] = typeof value === "string" ? value.replace(/\r\n/g, "\n") : "";
  }
  return content;
}

export const noteVersionSchema = z.string().regex(/^\d{1,9}$/);
