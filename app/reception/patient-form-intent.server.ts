// The registration and edit forms' submits that are not a save: a scan of the ID card in the name field
// (detected whatever button sent the form: a scanner usually ends with Enter), and "list the communes of
// this province". Both answer the form filled in, with nothing saved and no errors.
import { PATIENT_FORM_INTENTS } from "~/patients/patient-form";
import { PATIENT_FIELDS, type PatientFormValues } from "~/patients/patient-fields";
import { readFormValues } from "~/lib/form.server";
import { communesOf } from "~/reference/admin-units.server";
import { parseIdCardScan } from "./id-card-qr";
import { scanFormValues } from "./scan-prefill.server";

export type CommuneChoice = { code: string; name: string };

export type FormRefill = { refill: "scan" | "province"; values: PatientFormValues; communes: CommuneChoice[]; citizenId: string | null };

export function communeChoices(provinceCode: string | null | undefined): CommuneChoice[] {
  return provinceCode ? communesOf(provinceCode).map(({ code, name }) => ({ code, name })) : [];
}

/** The refilled form, or null when the submit is a save. */
export function patientFormRefill(form: FormData): FormRefill | null {
  const values = readFormValues(form, PATIENT_FIELDS);
  const scan = parseIdCardScan(values.fullName);
  if (scan) {
    const filled = scanFormValues(scan, values);
    return { refill: "scan", values: filled, communes: communeChoices(filled.provinceCode), citizenId: scan.citizenId };
  }
  if (form.get("intent") === PATIENT_FORM_INTENTS.province || form.get("intent") === PATIENT_FORM_INTENTS.scan) {
    // A province chosen again: its communes; the commune chosen before belongs to the old one.
    const communes = communeChoices(values.provinceCode);
    const communeCode = communes.some((c) => c.code === values.communeCode) ? values.communeCode : "";
    return { refill: "province", values: { ...values, communeCode }, communes, citizenId: null };
  }
  return null;
}
