// The demo patients of one hospital, the same list on every run: the fixed patients first (so they get
// the first record numbers), then made-up ones with ages 0-95, both sexes and mostly a mobile number.
import type { PatientInput } from "~/patients/patient-input";
import { DEMO_HOSPITALS, type DemoHospital } from "./demo-hospitals";
import { seededRandom, seedFromText, type Random } from "./random";
import { generateName, nameMatchesQuery } from "./vietnamese-names";

/** Birth dates count back from this day, not from today, so the list does not change with the clock. */
export const DEMO_REFERENCE_DATE = "2025-12-31";

// Roughly who comes to a district hospital: many small children and older people.
const AGE_BANDS: readonly (readonly [[number, number], number])[] = [
  [[0, 4], 12],
  [[5, 14], 10],
  [[15, 29], 15],
  [[30, 44], 18],
  [[45, 59], 20],
  [[60, 74], 17],
  [[75, 95], 8],
];

// Viettel, Vinaphone, Mobifone, Vietnamobile and Gmobile prefixes (03x/05x/07x/08x/09x).
const MOBILE_PREFIXES = [
  "032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "059", "070", "076", "077", "078", "079",
  "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "093", "094", "096", "097", "098", "099",
];

function birthDate(random: Random): string {
  const [from, to] = random.weighted(AGE_BANDS);
  const age = random.int(from, to);
  const reference = new Date(`${DEMO_REFERENCE_DATE}T00:00:00Z`);
  const day = new Date(Date.UTC(reference.getUTCFullYear() - age, 0, 1) + random.int(0, 364) * 86_400_000);
  return (day > reference ? reference : day).toISOString().slice(0, 10);
}

function mobile(random: Random): string {
  return `${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 9_999_999)).padStart(7, "0")}`;
}

/**
 * Names a made-up patient may not take: anything a search for a fixed patient would also list (in any
 * demo hospital), so that searching "Nguyễn Văn An" or "Lò Văn Pâng" finds exactly the intended one
 * and the other hospital's distinctive patients are found nowhere else.
 */
function reservedQueries(): string[] {
  return DEMO_HOSPITALS.flatMap((h) => [...h.commonPatients, ...h.distinctivePatients]).map((p) => p.fullName);
}

export function generateDemoPatients(hospital: DemoHospital): PatientInput[] {
  const random = seededRandom(seedFromText(hospital.slug));
  const reserved = reservedQueries();
  const patients: PatientInput[] = [...hospital.commonPatients, ...hospital.distinctivePatients];
  while (patients.length < hospital.patientCount) {
    const sex = random.chance(0.52) ? "female" : "male";
    const born = birthDate(random);
    const fullName = generateName(random, random.weighted(hospital.naming), sex, Number(born.slice(0, 4)));
    if (reserved.some((query) => nameMatchesQuery(fullName, query))) continue;
    patients.push({ fullName, birthDate: born, sex, phone: random.chance(0.85) ? mobile(random) : null });
  }
  return patients;
}
