import { describe, expect, it } from "vitest";
import enPatients from "~/locales/en/patients.json";
import viPatients from "~/locales/vi/patients.json";
import { PATIENT_DETAIL_KEYS } from "./patient";
import { EMPTY_PATIENT_FORM, PATIENT_MESSAGES } from "./patient-fields";

const NO_DETAILS = Object.fromEntries(PATIENT_DETAIL_KEYS.map((key) => [key, null]));
import { parsePatientInput, patientFormValues } from "./patient-input";

const TODAY = "2026-11-25";
const valid = { fullName: "Nguyễn Văn An", birthDate: "05/03/1980", sex: "male", phone: "" };
const parse = (changes: Record<string, string>) => parsePatientInput({ ...valid, ...changes }, { today: TODAY });
const errorsOf = (changes: Record<string, string>) => {
  const result = parse(changes);
  return result.ok ? {} : result.errors;
};

function lookup(messages: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe("parsePatientInput", () => {
  it("accepts a valid form and turns the Vietnamese date into ISO", () => {
    expect(parse({})).toEqual({
      ok: true,
      data: { fullName: "Nguyễn Văn An", birthDate: "1980-03-05", birthDatePrecision: "day", sex: "male", phone: null, details: NO_DETAILS },
      values: { ...EMPTY_PATIENT_FORM, ...valid },
    });
  });

  it("tidies the name: trimmed, single spaces, composed Unicode", () => {
    const result = parse({ fullName: "  Trần   Thị\tÁnh ".normalize("NFD") });
    expect(result.ok && result.data.fullName).toBe("Trần Thị Ánh");
  });

  it("requires a name of 2 to 120 characters", () => {
    expect(errorsOf({ fullName: "   " })).toEqual({ fullName: "validation.fullName.required" });
    expect(errorsOf({ fullName: "A" })).toEqual({ fullName: "validation.fullName.tooShort" });
    expect(errorsOf({ fullName: "Nguyễn ".repeat(20) + "An" })).toEqual({ fullName: "validation.fullName.tooLong" });
    expect(parse({ fullName: "A".repeat(120) }).ok).toBe(true);
  });

  it("refuses characters no name carries, but keeps apostrophes and hyphens", () => {
    expect(errorsOf({ fullName: "Nguyễn <b>An</b>" })).toEqual({ fullName: "validation.fullName.characters" });
    expect(errorsOf({ fullName: "100%" })).toEqual({ fullName: "validation.fullName.characters" });
    expect(parse({ fullName: "H'Hen Niê" }).ok).toBe(true);
    expect(parse({ fullName: "Ka-Sô Liễng" }).ok).toBe(true);
  });

  it("explains what is wrong with a birth date", () => {
    expect(errorsOf({ birthDate: "" })).toEqual({ birthDate: "validation.birthDate.required" });
    expect(errorsOf({ birthDate: "1980-03-05" })).toEqual({ birthDate: "validation.birthDate.format" });
    expect(errorsOf({ birthDate: "5 tháng 3" })).toEqual({ birthDate: "validation.birthDate.format" });
    expect(errorsOf({ birthDate: "31/02/2000" })).toEqual({ birthDate: "validation.birthDate.notReal" });
    expect(errorsOf({ birthDate: "29/02/2023" })).toEqual({ birthDate: "validation.birthDate.notReal" });
    expect(errorsOf({ birthDate: "26/11/2026" })).toEqual({ birthDate: "validation.birthDate.future" });
    expect(errorsOf({ birthDate: "31/12/1899" })).toEqual({ birthDate: "validation.birthDate.tooOld" });
  });

  it("accepts the ways people type a date, today and leap days", () => {
    const iso = (birthDate: string) => {
      const result = parse({ birthDate, guardianName: "Trần Thị Mai", guardianRelation: "Mẹ", guardianPhone: "0912345678" });
      return result.ok ? result.data.birthDate : result.errors;
    };
    expect(iso("5/3/1980")).toBe("1980-03-05");
    expect(iso("05.03.1980")).toBe("1980-03-05");
    expect(iso("29/02/2024")).toBe("2024-02-29");
    expect(iso("25/11/2026")).toBe("2026-11-25");
    expect(iso("01/01/1900")).toBe("1900-01-01");
  });

  it("requires one of the known sexes", () => {
    expect(errorsOf({ sex: "" })).toEqual({ sex: "validation.sex.required" });
    expect(errorsOf({ sex: "unknown" })).toEqual({ sex: "validation.sex.required" });
  });

  it("takes an optional Vietnamese phone number and stores its digits", () => {
    const phone = (text: string) => {
      const result = parse({ phone: text });
      return result.ok ? result.data.phone : result.errors;
    };
    expect(phone("")).toBeNull();
    expect(phone("0912 345 678")).toBe("0912345678");
    expect(phone("+84 912 345 678")).toBe("0912345678");
    expect(phone("024 3333 4444")).toBe("02433334444");
    expect(phone("091234567")).toEqual({ phone: "validation.phone.format" });
    expect(phone("1912345678")).toEqual({ phone: "validation.phone.format" });
    expect(phone("0".repeat(21))).toEqual({ phone: "validation.phone.tooLong" });
  });

  it("reports every bad field at once and gives back what was typed", () => {
    const result = parsePatientInput({ fullName: "", birthDate: "32/01/2000", phone: "abc" }, { today: TODAY });
    expect(result).toEqual({
      ok: false,
      errors: {
        fullName: "validation.fullName.required",
        birthDate: "validation.birthDate.notReal",
        sex: "validation.sex.required",
        phone: "validation.phone.format",
      },
      values: { ...EMPTY_PATIENT_FORM, fullName: "", birthDate: "32/01/2000", sex: "", phone: "abc" },
      formError: null,
    });
  });

  it("reads a FormData and ignores file uploads", () => {
    const form = new FormData();
    form.set("fullName", "Lê Thị Lan");
    form.set("birthDate", "30/06/1990");
    form.set("sex", "female");
    form.set("phone", new Blob(["x"]));
    expect(parsePatientInput(form, { today: TODAY })).toMatchObject({ ok: true, data: { phone: null } });
  });

  it("has every message in both Vietnamese and English", () => {
    for (const key of Object.values(PATIENT_MESSAGES)) {
      expect(typeof lookup(viPatients, key), `vi ${key}`).toBe("string");
      expect(typeof lookup(enPatients, key), `en ${key}`).toBe("string");
    }
  });
});

describe("patientFormValues", () => {
  it("shows a saved patient the way the form takes it", () => {
    expect(
      patientFormValues({ fullName: "Lê Thị Lan", birthDate: "1990-06-30", sex: "female", phone: "0912345678" }),
    ).toEqual({ ...EMPTY_PATIENT_FORM, fullName: "Lê Thị Lan", birthDate: "30/06/1990", sex: "female", phone: "0912 345 678" });
    expect(patientFormValues({ fullName: "Lò Văn Pâng", birthDate: "1948-01-01", birthDatePrecision: "year", sex: "male", phone: null }).birthDate).toBe("1948");
  });
});
