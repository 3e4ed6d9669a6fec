// The start-a-visit form, checked on the server: a clinic room and a payer. Messages are keys of the
// "reception" locale namespace.
import { z } from "zod";
import { PAYERS, type Payer } from "~db/schema";
import { parseForm } from "~/lib/form.server";

export const VISIT_MESSAGES = {
  roomRequired: "validation.room.required",
  roomUnknown: "validation.room.unknown",
  payerRequired: "validation.payer.required",
  insuranceMissing: "validation.insuranceMissing",
  insuranceNotValid: "validation.insuranceNotValid",
} as const;
export type VisitMessageKey = (typeof VISIT_MESSAGES)[keyof typeof VISIT_MESSAGES];

const visitSchema = z.object({
  roomId: z.string().transform((text, ctx) => {
    if (text.trim() === "") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: VISIT_MESSAGES.roomRequired });
      return z.NEVER;
    }
    return text.trim();
  }),
  payer: z.string().transform((text, ctx): Payer => {
    const payer = PAYERS.find((p) => p === text);
    if (!payer) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: VISIT_MESSAGES.payerRequired });
      return z.NEVER;
    }
    return payer;
  }),
});

export function parseVisitInput(form: FormData | Record<string, unknown>) {
  return parseForm<typeof visitSchema.shape, VisitMessageKey>(form, visitSchema);
}
