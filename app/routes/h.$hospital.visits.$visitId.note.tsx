// /h/:hospital/visits/:visitId/note: the examination note on the room's note form. The draft is kept on
// the server with a version: saved as the doctor types (JavaScript) or with "Save draft" (without);
// a colleague's stale save gets a conflict that shows both texts and loses neither (decision 046).
// Once signed the note is read-only and addenda follow it, each with who and when.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { may, requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { HTTP_CONFLICT, isStaleWriteError } from "~/lib/concurrency.server";
import { badRequest } from "~/lib/http-errors";
import { formatVietnameseDateTime } from "~/patients/vietnam-date";
import { readFormData } from "~/server/read-form-data.server";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { timeOf, VisitFrame } from "~/visits/visit-frame";
import { openVisit } from "~/visits/visit-page.server";
import { visitPath } from "~/visits/visit-tabs";
import { NoteEditor, type NoteSaveAnswer } from "~/visits/note-editor";
import { checkNoteContent, noteFieldsOf, readNoteContent, type NoteFormField } from "~/visits/note-form";
import { ADDENDUM_MAX_LENGTH, addAddendum, getVisitNote, listAddenda, NoteSignedError, noteFormFor, saveNoteDraft } from "~/visits/note.server";

import visitStyles from "~/visits/visits.css?url";

export const links = () => [{ rel: "stylesheet", href: visitStyles }];

export const handle = { i18n: ["visit", "patients", "orders", "prescriptions"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

// An autosave does not reload the page: the editor keeps what is being typed and updates its version.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { member, header, extra } = await openVisit(request, context, params, "visit:read", "note", async (t, visit) => {
    const note = await getVisitNote(t, visit.id);
    const form = await noteFormFor(t, visit.roomSpecialty, note?.formCode);
    const addenda = await listAddenda(t, visit.id);
    return { note, form, addenda };
  });
  const t = await i18next.getFixedT(request, "visit");
  const url = new URL(request.url);
  const { note, form, addenda } = extra;
  return data({
    title: `${t("note.title")} · ${t("header.title", { number: header.queueNumber })} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    header,
    formCode: form.code,
    formName: form.name,
    fields: noteFieldsOf(form),
    values: note?.content ?? {},
    version: note?.version ?? 0,
    signed: note?.status === "signed",
    lastSaved: note ? { time: formatVietnameseDateTime(note.updatedAt), name: note.updatedByName ?? "" } : null,
    canWrite: may(member, "note:write"),
    open: header.status === "waiting" || header.status === "in_progress",
    addenda: addenda.map((a) => ({ id: a.id, text: a.text, authorName: a.authorName, at: formatVietnameseDateTime(a.createdAt) })),
    saved: url.searchParams.has("saved"),
    added: url.searchParams.has("added"),
    called: url.searchParams.get("called"),
  });
}

function readVersion(value: FormDataEntryValue | null): number {
  if (typeof value !== "string" || !/^\d{1,9}$/.test(value)) throw badRequest();
  return Number(value);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // The door before reading anything: a stranger gets 404 whatever the body (openVisit asks again, memoized).
  await requireMember(request, context, params.hospital, "note:write");
  const body = await readFormData(request);
  const intent = body.get("intent");

  if (intent === "addendum") {
    const text = typeof body.get("text") === "string" ? (body.get("text") as string).trim() : "";
    const problem = !text ? "note.addendum.empty" : text.length > ADDENDUM_MAX_LENGTH ? "note.addendum.tooLong" : null;
    const { member, extra } = await openVisit(request, context, params, "note:write", "note", async (t, visit, m) =>
      problem ? null : addAddendum(t, visit, text, m.user.displayName),
    );
    if (problem || !extra) return data({ ok: false as const, addendumError: problem ?? "note.addendum.empty", addendumText: text.slice(0, ADDENDUM_MAX_LENGTH + 100) }, { status: 400 });
    return redirect(`${visitPath(member.hospital.slug, params.visitId!, "/note")}?added=1`);
  }

  const autosave = intent === "autosave";
  const expectedVersion = readVersion(body.get("version"));
  try {
    const { member, extra } = await openVisit(request, context, params, "note:write", "note", async (t, visit, m) => {
      const note = await getVisitNote(t, visit.id);
      const form = await noteFormFor(t, visit.roomSpecialty, note?.formCode);
      const fields = noteFieldsOf(form);
      const content = readNoteContent(fields, body);
      const errors = checkNoteContent(fields, content, false);
      if (Object.keys(errors).length > 0) return { saved: null, errors, content, fields };
      const saved = await saveNoteDraft(t, visit, { formCode: form.code, content, expectedVersion, byName: m.user.displayName });
      return { saved, errors, content, fields };
    });
    if (!extra.saved) {
      return data({ ok: false as const, errors: extra.errors, values: extra.content }, { status: 400 });
    }
    if (autosave) return data({ ok: true as const, version: extra.saved.version, savedAt: timeOf(extra.saved.updatedAt) });
    return redirect(`${visitPath(member.hospital.slug, params.visitId!, "/note")}?saved=1`);
  } catch (error) {
    if (error instanceof NoteSignedError) return data({ ok: false as const, errors: {}, values: {}, signed: true }, { status: HTTP_CONFLICT });
    if (!isStaleWriteError(error)) throw error;
    // Show what the colleague saved beside what this person typed; nothing of theirs was written.
    const { extra } = await openVisit(request, context, params, "note:write", "note", async (t, visit) => {
      const note = await getVisitNote(t, visit.id);
      const form = await noteFormFor(t, visit.roomSpecialty, note?.formCode);
      return { note, fields: noteFieldsOf(form) };
    });
    const theirs = extra.note!;
    return data(
      {
        ok: false as const,
        conflict: error.conflict,
        theirs: { content: theirs.content, version: theirs.version, updatedByName: theirs.updatedByName },
        values: readNoteContent(extra.fields, body),
        errors: {},
      },
      { status: HTTP_CONFLICT },
    );
  }
}

export default function VisitNote() {
  const { t, i18n } = useTranslation(["visit", "errors"]);
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const language = i18n.language === "en" ? "en" : "vi";
  const [fetched, setFetched] = useState<NoteSaveAnswer | null>(null);
  const fromAction = result && "theirs" in result ? result : null;
  const conflict = fromAction ?? (fetched && !fetched.ok && fetched.theirs ? fetched : null);
  const typed = result && "values" in result && !("addendumError" in result) ? (result.values as Record<string, string>) : null;
  const errors = result && "errors" in result ? (result.errors as Record<string, string>) : {};

  return (
    <VisitFrame slug={loaded.hospitalSlug} header={loaded.header} current="note">
      {loaded.saved && !result ? (
        <Banner key={location.key} tone="ok" focus data-testid="saved-banner">
          {t("note.saved")}
        </Banner>
      ) : null}
      {loaded.called && !result ? (
        <Banner key={location.key} tone="info">
          {t("worklist.called", { number: loaded.called })}
        </Banner>
      ) : null}
      {conflict && conflict.theirs ? <ConflictNotice fields={loaded.fields} typed={typed} theirs={conflict.theirs} language={language} /> : null}
      {result && "signed" in result ? <Banner tone="error" focus>{t("note.signedNotice")}</Banner> : null}

      <section className="panel" aria-labelledby="note-heading">
        <h2 id="note-heading">
          {t("note.title")} <span className="muted">· {t("note.form", { name: loaded.formName })}</span>
        </h2>
        {loaded.lastSaved ? <p className="muted">{t("note.lastSaved", loaded.lastSaved)}</p> : null}
        {loaded.signed ? (
          <>
            <Banner tone="info">{t("note.signedNotice")}</Banner>
            <NoteReadOnly fields={loaded.fields} values={loaded.values} language={language} />
          </>
        ) : loaded.canWrite && loaded.open ? (
          <NoteEditor
            // A conflict's answer carries the colleague's version: the next save is made knowingly.
            key={fromAction?.theirs.version ?? loaded.version}
            action={visitPath(loaded.hospitalSlug, loaded.header.id, "/note")}
            fields={loaded.fields}
            values={typed ?? loaded.values}
            version={fromAction?.theirs.version ?? loaded.version}
            formCode={loaded.formCode}
            errors={errors}
            language={language}
            onConflict={setFetched}
          />
        ) : (
          <>
            <p className="muted">{t("note.readOnly")}</p>
            <NoteReadOnly fields={loaded.fields} values={loaded.values} language={language} />
          </>
        )}
      </section>

      {loaded.signed ? (
        <section className="panel" aria-labelledby="addenda-heading">
          <h2 id="addenda-heading">{t("note.addendum.title")}</h2>
          {loaded.addenda.length === 0 ? <p className="muted">{t("note.addendum.none")}</p> : null}
          <ol className="addenda">
            {loaded.addenda.map((a) => (
              <li key={a.id} data-testid="addendum">
                <p className="addendum-text">{a.text}</p>
                <p className="muted">{t("note.addendum.by", { name: a.authorName, time: a.at })}</p>
              </li>
            ))}
          </ol>
          {loaded.added && !result ? (
            <Banner key={location.key} tone="ok" focus>
              {t("note.addendum.added")}
            </Banner>
          ) : null}
          {loaded.canWrite ? (
            <Form method="post" className="addendum-form">
              <input type="hidden" name="intent" value="addendum" />
              <div className="field">
                <label htmlFor="addendum-text">{t("note.addendum.label")}</label>
                <textarea
                  id="addendum-text"
                  name="text"
                  rows={3}
                  defaultValue={result && "addendumText" in result ? result.addendumText : ""}
                  aria-invalid={result && "addendumError" in result ? true : undefined}
                  aria-describedby={result && "addendumError" in result ? "addendum-text-error" : undefined}
                />
                {result && "addendumError" in result ? (
                  <p className="field-error" id="addendum-text-error">
                    {t(result.addendumError as "note.addendum.empty")}
                  </p>
                ) : null}
              </div>
              <Button type="submit">{t("note.addendum.add")}</Button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </VisitFrame>
  );
}

function show(field: NoteFormField, value: string | undefined, empty: string, yes: string) {
  if (!value) return empty;
  if (field.type === "boolean") return yes;
  return value;
}

function NoteReadOnly({ fields, values, language }: { fields: NoteFormField[]; values: Record<string, string>; language: "vi" | "en" }) {
  const { t } = useTranslation("visit");
  return (
    <dl className="note-read">
      {fields.map((field) => (
        <div key={field.key}>
          <dt>{field.label[language]}</dt>
          <dd>{show(field, values[field.key], t("note.empty"), t("note.yes"))}</dd>
        </div>
      ))}
    </dl>
  );
}

function ConflictNotice({
  fields,
  typed,
  theirs,
  language,
}: {
  fields: NoteFormField[];
  typed: Record<string, string> | null;
  theirs: { content: Record<string, string>; updatedByName: string | null };
  language: "vi" | "en";
}) {
  const { t } = useTranslation("visit");
  return (
    <Banner tone="error" focus className="note-conflict" data-testid="note-conflict">
      <p>
        <strong>{t("note.conflictTitle")}</strong>
      </p>
      <p>{t("note.conflictBody", { name: theirs.updatedByName ?? "" })}</p>
      <table className="data">
        <caption className="visually-hidden">{t("note.conflictCompare")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("note.conflictField")}</th>
            {typed ? <th scope="col">{t("note.conflictYours")}</th> : null}
            <th scope="col">{t("note.conflictTheirs")}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.key}>
              <th scope="row">{field.label[language]}</th>
              {typed ? <td className="note-cell">{show(field, typed[field.key], t("note.empty"), t("note.yes"))}</td> : null}
              <td className="note-cell" data-testid={`theirs-${field.key}`}>
                {show(field, theirs.content[field.key], t("note.empty"), t("note.yes"))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Banner>
  );
}
