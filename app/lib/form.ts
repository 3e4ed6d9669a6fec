// The one shape every form travels in (client-safe: pages import it; validation is in form.server.ts).
//
//   a form's values    what the person typed, as strings, so a refused submit comes back filled in
//   FieldErrors        field name -> locale key of the message ("validation.phone.format")
//   FormFailure        what an action returns when it refuses a submit: values, errors, and optionally a
//                      message for the whole form; the page renders ErrorSummary + Field from it
// Success is a redirect (post/redirect/get), so there is no success shape.

export type FormValues<F extends string> = Record<F, string>;

/** Field -> locale key of the first problem with it. */
export type FieldErrors<F extends string, K extends string = string> = Partial<Record<F, K>>;

/** A message for the whole form (wrong password, locked account), with its interpolation values. */
export type FormMessage<K extends string = string> = { key: K; count?: number };

export type FormFailure<F extends string, K extends string = string> = {
  ok: false;
  values: FormValues<F>;
  errors: FieldErrors<F, K>;
  formError: FormMessage<K> | null;
};

/** The first field in error, in the form's order: the one to focus. */
export function firstFieldInError<F extends string>(fields: readonly F[], errors: FieldErrors<F> | undefined): F | undefined {
  return errors ? fields.find((field) => errors[field]) : undefined;
}
