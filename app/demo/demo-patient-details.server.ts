// Reception's details for the demo patients (issue 8), drawn from a random stream of their own so that
// the demo names and birth dates stay exactly as before: an ethnic group and occupation, an address in
// the hospital's province (2025 communes), a citizen ID consistent with birth year and sex, an insurance
// card for most, and a guardian for children under 6.
import type { PatientInput } from "~/patients/patient-input";
import { communesOf } from "~/reference/admin-units.server";
import { GUARDIAN_REQUIRED_UNDER_YEARS } from "~/patients/patient-fields";
import { DEMO_REFERENCE_DATE } from "./generate-demo-patients";
import { seededRandom, seedFromText } from "./random";

type DemoPlace = { provinceCode: string; birthProvinceCode: string; insuranceProvince: string; facility: string; ethnicities: [string, number][] };

/** Where each demo hospital is: Đồng Tháp (Kinh, some Khmer and Hoa) and Thanh Hóa's highlands (Thái, Mông, Mường). */
const PLACES: Record<string, DemoPlace> = {
  "bv-tam-nong": { provinceCode: "82", birthProvinceCode: "087", insuranceProvince: "87", facility: "87012", ethnicities: [["01", 90], ["05", 6], ["04", 4]] },
  "ttyt-muong-lat": { provinceCode: "38", birthProvinceCode: "038", insuranceProvince: "38", facility: "38020", ethnicities: [["03", 45], ["08", 30], ["06", 15], ["01", 10]] },
};

const OCCUPATIONS_COMMON: [string, number][] = [["61", 30], ["63", 15], ["92", 15], ["52", 8], ["23", 4], ["22", 3], ["83", 5], ["00", 20]];
const GUARDIANS = ["Mẹ", "Bố", "Bà", "Ông"];

/** Where a demo hospital is and its facility code, for the registry (the console's columns), or null. */
export function demoPlaceOf(slug: string): { provinceCode: string; facilityCode: string } | null {
  const place = PLACES[slug];
  return place ? { provinceCode: place.provinceCode, facilityCode: place.facility } : null;
}

export function withDemoDetails(slug: string, list: PatientInput[]): PatientInput[] {
  const place = PLACES[slug];
  if (!place) return list;
  const random = seededRandom(seedFromText(`${slug}:reception-details`));
  const communes = communesOf(place.provinceCode);
  const referenceYear = Number(DEMO_REFERENCE_DATE.slice(0, 4));
  return list.map((patient, index) => {
    const year = Number(patient.birthDate.slice(0, 4));
    const age = referenceYear - year;
    const century = year >= 2000 ? 2 : 0;
    const sexDigit = century + (patient.sex === "female" ? 1 : 0);
    const serial = String(100000 + index).slice(-6);
    const citizenId = age >= 14 && random.chance(0.8) ? `${place.birthProvinceCode}${sexDigit}${String(year).slice(-2)}${serial}` : null;
    const insured = random.chance(0.85);
    const group = age < 6 ? "TE" : age >= 60 ? "HT" : random.pick(["GD", "HN", "DN", "HS"]);
    const level = group === "TE" ? "1" : group === "HN" ? "2" : "4";
    const child = age < GUARDIAN_REQUIRED_UNDER_YEARS + 1;
    return {
      ...patient,
      details: {
        citizenId,
        insuranceNumber: insured ? `${group}${level}${place.insuranceProvince}${String(7_000_000_000 + index * 7919).slice(-10)}` : null,
        insuranceValidFrom: insured ? "2026-01-01" : null,
        insuranceValidTo: insured ? "2026-12-31" : null,
        insuranceFacility: insured ? place.facility : null,
        ethnicityCode: random.weighted(place.ethnicities),
        occupationCode: age < 15 ? null : random.weighted(OCCUPATIONS_COMMON),
        provinceCode: place.provinceCode,
        communeCode: communes.length > 0 ? random.pick(communes).code : null,
        street: `Ấp ${random.int(1, 9)}`,
        guardianName: child ? `${random.pick(["Nguyễn Thị", "Lò Thị", "Trần Văn", "Hà Văn"])} ${random.pick(["Hoa", "Lan", "Minh", "Sơn", "Mai"])}` : null,
        guardianRelation: child ? random.pick(GUARDIANS) : null,
        guardianPhone: child ? `09${String(10_000_000 + index * 31).slice(-8)}` : null,
      },
    };
  });
}
