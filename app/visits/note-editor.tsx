// The note's editor: one field per part of the form. Without JavaScript it is a plain form ("Save
// draft"). With JavaScript it also saves as the person types (debounced, through a fetcher, naming the
// version it read), keeps a copy in the tab's sessionStorage before each save (form-draft.ts: if the
// session has expired, the copy comes back after signing in again), and after a failed save (dropped
// connection) tries again while the text stays on the page. A conflict stops the autosave: the person
// sees what the colleague saved and decides (decision 046).
import { Form, useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { KEEP_DRAFT_ATTRIBUTE, saveDraft } from "~/auth/form-draft";
import { Button } from "~/ui/button";
import { NOTE_LIMITS, type NoteFormField } from "./note-form";

export const AUTOSAVE_DELAY_MS = 1500;
const RETRY_MS = 10_000;

export type NoteSaveAnswer =
  | { ok: true; version: number; savedAt: string }
  | { ok: false; conflict?: unknown; theirs?: { content: Record<string, string>; version: number; updatedByName: string | null }; errors?: Record<string, string> };

type Props = {
  action: string;
  fields: NoteFormField[];
  values: Record<string, string>;
  version: number;
  formCode: string;
  errors: Record<string, string>;
  language: "vi" | "en";
  onConflict: (answer: NoteSaveAnswer) => void;
};

export function NoteEditor({ action, fields, values, version, formCode, errors, language, onConflict }: Props) {
  const { t } = useTranslation("visit");
  const fetcher = useFetcher<NoteSaveAnswer>();
  const form = useRef<HTMLFormElement>(null);
  const versionInput = useRef<HTMLInputElement>(null);
  const timer = useRef<number | undefined>(undefined);
  const [state, setState] = useState<"idle" | "dirty" | "saved" | "failed" | "conflict">("idle");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState(errors);
  // The version this page last saw, held in state: a hidden input's value is its default value, so an
  // uncontrolled one set by hand would be put back to the first version by React's next render.
  const [currentVersion, setCurrentVersion] = useState(version);
  // Edits made, and edits included in the save under way: typing during a save keeps the page "dirty".
  const edits = useRef(0);
  const sentEdits = useRef(0);
  // "Save draft" pressed while an autosave is on its way: the save waits for that answer (and its new
  // version), then goes; sent at once, it would carry the old version and conflict with its own autosave.
  const saveAfterAutosave = useRef(false);
  // Typing went on while an autosave was on its way: one more autosave once that answer (and its version)
  // is in. Two at once would send the same version, and the second would conflict with the first.
  const autosaveAgain = useRef(false);

  const save = useCallback(() => {
    const element = form.current;
    if (!element) return;
    if (fetcher.state !== "idle") {
      autosaveAgain.current = true;
      return;
    }
    // A copy in the tab first: if this answer is the sign-in page, it comes back afterwards.
    saveDraft(element, window.location.pathname + window.location.search);
    sentEdits.current = edits.current;
    const body = new FormData(element);
    body.set("intent", "autosave");
    fetcher.submit(body, { method: "post", action });
  }, [action, fetcher]);

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    const answer = fetcher.data;
    if (answer.ok) {
      if (versionInput.current) versionInput.current.value = String(answer.version);
      setCurrentVersion(answer.version);
      setSavedAt(answer.savedAt);
      setFieldErrors({});
      setState(edits.current === sentEdits.current ? "saved" : "dirty");
      if (saveAfterAutosave.current) {
        saveAfterAutosave.current = false;
        autosaveAgain.current = false;
        form.current?.requestSubmit();
      } else if (autosaveAgain.current) {
        autosaveAgain.current = false;
        save();
      }
    } else if (answer.theirs) {
      if (versionInput.current) versionInput.current.value = String(answer.theirs.version);
      setCurrentVersion(answer.theirs.version);
      setState("conflict");
      onConflict(answer);
    } else {
      setFieldErrors(answer.errors ?? {});
      setState("failed");
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);

  // A dropped connection: the fetcher ends without data; keep the text, try again later.
  useEffect(() => {
    if (state !== "failed" || Object.keys(fieldErrors).length > 0) return;
    const retry = window.setTimeout(save, RETRY_MS);
    return () => window.clearTimeout(retry);
  }, [state, fieldErrors, save]);

  const onInput = () => {
    if (state === "conflict") return; // the person decides after a conflict
    edits.current += 1;
    setState("dirty");
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(save, AUTOSAVE_DELAY_MS);
  };

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const status =
    state === "dirty"
      ? t("note.unsaved")
      : state === "saved" && savedAt
        ? t("note.autosaved", { time: savedAt })
        : state === "failed"
          ? t("note.autosaveFailed")
          : "";

  return (
    <Form
      method="post"
      action={action}
      ref={form}
      noValidate
      onInput={onInput}
      onSubmit={(event) => {
        window.clearTimeout(timer.current);
        if (fetcher.state !== "idle") {
          event.preventDefault();
          saveAfterAutosave.current = true;
          return;
        }
        setState("idle");
      }}
      className="note-form"
      {...{ [KEEP_DRAFT_ATTRIBUTE]: "" }}
    >
      <input type="hidden" name="version" value={currentVersion} readOnly ref={versionInput} />
      <input type="hidden" name="formCode" value={formCode} />
      {fields.map((field) => {
        const id = `note-${field.key}`;
        const error = fieldErrors[field.key];
        const label = field.label[language];
        const common = {
          id,
          name: `f_${field.key}`,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${id}-error` : undefined,
        } as const;
        return (
          <div className="field" key={field.key}>
            <label htmlFor={id}>
              {label}
              {field.unit ? ` (${field.unit})` : ""}
              {field.required ? <span className="field-required"> ({t("note.requiredToSign")})</span> : null}
            </label>
            {field.type === "longtext" ? (
              <textarea {...common} rows={4} defaultValue={values[field.key] ?? ""} maxLength={NOTE_LIMITS.longtext + 1000} />
            ) : field.type === "select" && field.options ? (
              <select {...common} defaultValue={values[field.key] ?? ""}>
                <option value="" />
                {field.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label[language]}
                  </option>
                ))}
              </select>
            ) : field.type === "boolean" ? (
              <input {...common} type="checkbox" value="yes" defaultChecked={values[field.key] === "yes"} />
            ) : (
              <input {...common} type="text" inputMode={field.type === "number" ? "decimal" : undefined} defaultValue={values[field.key] ?? ""} autoComplete="off" />
            )}
            {error ? (
              <p className="field-error" id={`${id}-error`}>
                {t(error as "note.errors.tooLong")}
              </p>
            ) : null}
          </div>
        );
      })}
      <div className="note-actions">
        <Button type="submit" name="intent" value="save">
          {t("note.save")}
        </Button>
        <span className="muted" aria-live="polite" data-testid="autosave-status">
          {status}
        </span>
      </div>
    </Form>
  );
}
