// A printout's data shaped for the page: dates as Vietnamese read them, numbers trimmed. Server-only.
import { formatResultNumber, formatRange } from "~/orders/order";
import { ageOn, formatVietnameseDate, formatVietnameseDateTime } from "~/patients/vietnam-date";
import type { PrintData } from "./print.server";

/**
 * How a drug is named on paper: the active ingredient and strength first (the form asks for the
 * generic name), the brand in brackets when it says something the ingredient does not.
 */
export function drugLabel(ingredient: string, name: string, strength: string): string {
  const generic = `${ingredient} ${strength}`;
  const fold = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();
  return fold(name) === fold(generic) || fold(name).startsWith(fold(ingredient)) ? generic : `${ingredient} (${name}) ${strength}`;
}

export function toPrintView(data: PrintData, who: { userId: string; displayName: string; hospitalName: string }) {
  const { visit } = data;
  const age = ageOn(visit.patient.birthDate, visit.visitDate);
  const [year, month, day] = visit.visitDate.split("-");
  return {
    hospitalName: who.hospitalName,
    lookupCode: data.lookupCode,
    recordUrl: data.recordUrl,
    qr: data.qr,
    printedAt: formatVietnameseDateTime(data.printedAt),
    printedBy: who.displayName,
    patient: {
      fullName: visit.patient.fullName,
      mrn: visit.patient.mrn,
      birthDate: formatVietnameseDate(visit.patient.birthDate),
      age,
      /** Children under 72 months have their age in months on the prescription. */
      young: age.months < 72,
      sex: visit.patient.sex,
      phone: visit.patient.phone,
      ...data.extras,
    },
    visit: {
      date: { day: day!, month: month!, year: year! },
      visitDate: formatVietnameseDate(visit.visitDate),
      queueNumber: visit.queueNumber,
      roomName: visit.roomName,
      payer: visit.payer,
      followUpDate: visit.followUpDate ? formatVietnameseDate(visit.followUpDate) : null,
    },
    prescriberName: data.prescription.prescriberId === who.userId ? who.displayName : null,
    clinical: data.clinical,
    advice: data.prescription.advice,
    drugs: data.prescription.items.map((item) => ({
      id: item.id,
      label: drugLabel(item.activeIngredient, item.drugName, item.strength),
      name: item.drugName,
      ingredient: item.activeIngredient,
      strength: item.strength,
      unit: item.unit,
      route: item.route,
      dose: formatResultNumber(item.dosePerTake),
      times: item.timesPerDay,
      days: item.days,
      quantity: item.quantity,
      instructions: item.instructions,
    })),
    results: data.orders
      .filter((o) => o.status !== "cancelled")
      .map((o) => ({
        id: o.id,
        service: o.serviceName,
        value: o.result
          ? [o.result.valueNumeric !== null ? `${formatResultNumber(o.result.valueNumeric)}${o.result.unit ? ` ${o.result.unit}` : ""}` : null, o.result.valueText]
              .filter(Boolean)
              .join(" — ")
          : null,
        flag: o.result?.flag ?? null,
        range: o.result ? formatRange(o.result.referenceLow, o.result.referenceHigh) : "",
      })),
  };
}

export type PrintView = ReturnType<typeof toPrintView>;
