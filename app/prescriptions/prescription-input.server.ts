// What the prescription form may contain, checked on the server. Messages are keys of the
// "prescriptions" namespace.
import { z } from "zod";
import { isUuid } from "~db/scope.server";
import { parseForm } from "~/lib/form.server";
import {
  ADVICE_MAX_LENGTH,
  DAYS_MAX,
  DOSE_MAX,
  INSTRUCTIONS_MAX_LENGTH,
  parseDose,
  parseWholeNumber,
  TIMES_PER_DAY_MAX,
} from "./prescription";

const issue = (ctx: z.RefinementCtx, message: string) => {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
};

export const prescriptionItemSchema = z.object({
  formularyItemId: z.string().transform((text, ctx) => (isUuid(text.trim()) ? text.trim() : issue(ctx, "prescriptions:errors.drugRequired"))),
  dosePerTake: z.string().transform((text, ctx) => {
    if (text.trim() === "") return issue(ctx, "prescriptions:errors.doseRequired");
    const dose = parseDose(text);
    if (dose === null) return issue(ctx, "prescriptions:errors.doseFormat");
    if (dose <= 0) return issue(ctx, "prescriptions:errors.doseNotPositive");
    if (dose > DOSE_MAX) return issue(ctx, "prescriptions:errors.doseTooLarge");
    return dose;
  }),
  timesPerDay: z.string().transform((text, ctx) => {
    if (text.trim() === "") return issue(ctx, "prescriptions:errors.timesRequired");
    const times = parseWholeNumber(text);
    if (times === null || times < 1 || times > TIMES_PER_DAY_MAX) return issue(ctx, "prescriptions:errors.timesFormat");
    return times;
  }),
  days: z.string().transform((text, ctx) => {
    if (text.trim() === "") return issue(ctx, "prescriptions:errors.daysRequired");
    const days = parseWholeNumber(text);
    if (days === null || days < 1 || days > DAYS_MAX) return issue(ctx, "prescriptions:errors.daysFormat");
    return days;
  }),
  route: z.string().transform((text, ctx) => {
    const route = text.trim();
    if (route.length > 50) return issue(ctx, "prescriptions:errors.routeTooLong");
    return route.length > 0 ? route : null;
  }),
  instructions: z.string().transform((text, ctx) => {
    const value = text.trim();
    if (value.length > INSTRUCTIONS_MAX_LENGTH) return issue(ctx, "prescriptions:errors.instructionsTooLong");
    return value.length > 0 ? value : null;
  }),
});

export function parsePrescriptionItem(form: FormData) {
  return parseForm(form, prescriptionItemSchema, { echoLimit: INSTRUCTIONS_MAX_LENGTH });
}

export const adviceSchema = z.object({
  advice: z.string().transform((text, ctx) => {
    const value = text.trim();
    if (value.length > ADVICE_MAX_LENGTH) return issue(ctx, "prescriptions:errors.adviceTooLong");
    return value.length > 0 ? value : null;
  }),
});
