// Keeps what a person typed when a save meets an expired session (docs/decisions/027). Before a form
// marked with KEEP_DRAFT_ATTRIBUTE is submitted, its fields go to sessionStorage (this tab only, gone
// when it closes). If the answer is the sign-in page, the draft waits; when the person is back on the
// page after signing in again, the fields are filled from it and it is deleted. Any other answer (saved,
// refused with the values echoed by the server) deletes it at once. Passwords are never stored.

export const KEEP_DRAFT_ATTRIBUTE = "data-keep-draft";
const STORAGE_KEY = "emr:form-draft";
/** A draft older than this is not restored: the person has moved on. */
const DRAFT_MAX_AGE_MS = 12 * 60 * 60_000;

export type FormDraft = {
  /** The page the form was on (path and query), where it comes back. */
  page: string;
  fields: [string, string][];
  savedAt: number;
  /** Set when the sign-in page showed up after the submit. */
  awaitingSignIn: boolean;
};

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: nothing is kept, nothing breaks
  }
}

export function readDraft(): FormDraft | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as FormDraft;
    return Date.now() - draft.savedAt < DRAFT_MAX_AGE_MS ? draft : null;
  } catch {
    return null;
  }
}

function writeDraft(draft: FormDraft): void {
  storage()?.setItem(STORAGE_KEY, JSON.stringify(draft));
}

export function deleteDraft(): void {
  storage()?.removeItem(STORAGE_KEY);
}

/** Stores a form's fields as it is submitted. */
export function saveDraft(form: HTMLFormElement, page: string): void {
  const fields: [string, string][] = [];
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
    if (!element.name || element.disabled) continue;
    if (element instanceof HTMLInputElement) {
      if (element.type === "password" || element.type === "file" || element.type === "submit") continue;
      if ((element.type === "radio" || element.type === "checkbox") && !element.checked) continue;
    }
    fields.push([element.name, element.value]);
  }
  writeDraft({ page, fields, savedAt: Date.now(), awaitingSignIn: false });
}

/** The sign-in page showed up with a draft pending: keep it for after sign-in. */
export function holdDraftForSignIn(): void {
  const draft = readDraft();
  if (draft) writeDraft({ ...draft, awaitingSignIn: true });
}

/** Fills the page's kept form from the draft; true when it did. */
export function restoreDraft(draft: FormDraft, root: ParentNode = document): boolean {
  const form = root.querySelector<HTMLFormElement>(`form[${KEEP_DRAFT_ATTRIBUTE}]`);
  if (!form) return false;
  for (const [name, value] of draft.fields) {
    for (const element of Array.from(form.elements)) {
      if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
      if (element.name !== name) continue;
      if (element instanceof HTMLInputElement && (element.type === "radio" || element.type === "checkbox")) {
        element.checked = element.value === value;
      } else {
        element.value = value;
      }
    }
  }
  return true;
}
