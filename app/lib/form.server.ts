// One way to read and validate a form on the server (docs/architecture.md §4): read the named fields as strings,
// validate them with a zod schema whose messages are locale keys, and answer either the parsed data or
// a FormFailure that gives the person back what they typed. `refuseForm` answers with such a failure (400 unless told).
import { data } from "@remix-run/node";
import type { z } from "zod";
import type { FieldErrors, FormFailure, FormMessage, FormValues } from "./form";

type Shape = Record<string, z.ZodTypeAny>;

export type ParsedForm<S extends Shape, K extends string = string> =
  | { ok: true; data: z.output<z.ZodObject<S>>; values: FormValues<keyof S & string> }
  | (FormFailure<keyof S & string, K> & { data?: undefined });

type ParseOptions<F extends string> = {
  /** Fields never sent back to the page (a password is typed again, never echoed). */
  secret?: readonly F[];
  /** Longest text echoed back per field: what comes back is rendered into the page. */
  echoLimit?: number;
};

const DEFAULT_ECHO_LIMIT = 1000;

/** The schema's fields read from a form as strings; a missing field or a file counts as empty. */
export function readFormValues<F extends string>(form: FormData | Record<string, unknown>, fields: readonly F[]): FormValues<F> {
  const values = {} as FormValues<F>;
  for (const field of fields) {
    const value = form instanceof FormData ? form.get(field) : form[field];
    values[field] = typeof value === "string" ? value : "";
  }
  return values;
}

/**
 * Validates `form` against a zod object schema. Every issue's message must be a locale key; the first
 * issue of each field becomes that field's error.
 */
export function parseForm<S extends Shape, K extends string = string>(
  form: FormData | Record<string, unknown>,
  schema: z.ZodObject<S> | z.ZodEffects<z.ZodObject<S>>,
  options: ParseOptions<keyof S & string> = {},
): ParsedForm<S, K> {
  type F = keyof S & string;
  const shape = ("shape" in schema ? schema.shape : schema.innerType().shape) as S;
  const fields = Object.keys(shape) as F[];
  const typed = readFormValues(form, fields);
  const limit = options.echoLimit ?? DEFAULT_ECHO_LIMIT;
  const values = {} as FormValues<F>;
  for (const field of fields) values[field] = options.secret?.includes(field) ? "" : typed[field].slice(0, limit);

  const parsed = schema.safeParse(typed);
  if (parsed.success) return { ok: true, data: parsed.data as z.output<z.ZodObject<S>>, values };
  const errors: FieldErrors<F, K> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && fields.includes(field as F)) errors[field as F] ??= issue.message as K;
  }
  return { ok: false, values, errors, formError: null };
}

/** A refusal with a message for the whole form rather than one field. */
export function formFailure<F extends string, K extends string>(values: FormValues<F>, formError: FormMessage<K>): FormFailure<F, K> {
  return { ok: false, values, errors: {}, formError };
}

/** The action's answer to a refused submit: status 400 (or another 4xx) with the failure. */
export function refuseForm<T extends { ok: false }>(failure: T, init: { status?: number; headers?: HeadersInit } = {}) {
  return data(failure, { status: init.status ?? 400, headers: init.headers });
}
