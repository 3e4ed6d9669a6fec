// Every action reads its form through here. request.formData() throws on a body that is not a form (JSON,
// plain text, broken multipart, none at all), and an uncaught throw is a 500; a NUL byte in a field would
// reach Postgres, which refuses it, another 500. Each is the client's fault: answer 415 or 400 instead.
import { badRequest, unsupportedMediaType } from "~/lib/http-errors";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** The submitted form, or a thrown 415 (not a form) / 400 (a form that cannot be read or holds a NUL). */
export async function readFormData(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!FORM_TYPES.includes(type)) throw unsupportedMediaType();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badRequest();
  }
  for (const [name, value] of form) {
    if (name.includes("\0") || (typeof value === "string" && value.includes("\0"))) throw badRequest();
  }
  return form;
}
