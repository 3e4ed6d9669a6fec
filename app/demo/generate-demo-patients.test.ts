import { describe, expect, it } from "vitest";
import { parsePatientInput, patientFormValues } from "~/patients/patient-input";
import { withDemoDetails } from "./demo-patient-details.server";
import { DEMO_HOSPITALS } from "./demo-hospitals";
import { generateDemoPatients } from "./generate-demo-patients";
import { nameMatchesQuery } from "./vietnamese-names";

const [tamNong, muongLat] = DEMO_HOSPITALS as [(typeof DEMO_HOSPITALS)[0], (typeof DEMO_HOSPITALS)[0]];

describe("generateDemoPatients", () => {
  it("gives the same patients on every run", () => {
    expect(generateDemoPatients(tamNong)).toEqual(generateDemoPatients(tamNong));
    expect(generateDemoPatients(tamNong)).not.toEqual(generateDemoPatients(muongLat));
  });

  it("makes ~300 patients per hospital that pass the registration form's own checks, reception's details included", () => {
    for (const hospital of DEMO_HOSPITALS) {
      const list = withDemoDetails(hospital.slug, generateDemoPatients(hospital));
      expect(list).toHaveLength(300);
      for (const p of list) {
        const parsed = parsePatientInput(patientFormValues({ ...p, ...p.details }), { today: "2026-01-01" });
        expect(parsed.ok ? parsed.data : parsed.errors, p.fullName).toEqual({ ...p, birthDatePrecision: "day" });
      }
      expect(list.filter((p) => p.details?.citizenId).length).toBeGreaterThan(100);
      expect(list.filter((p) => p.details?.insuranceNumber).length).toBeGreaterThan(200);
    }
  });

  it("spreads ages from newborns to the very old, both sexes, mostly with a mobile number", () => {
    const list = generateDemoPatients(muongLat);
    const years = list.map((p) => 2025 - Number(p.birthDate.slice(0, 4)));
    expect(Math.min(...years)).toBe(0);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(85);
    expect(list.filter((p) => p.sex === "female").length).toBeGreaterThan(100);
    expect(list.filter((p) => p.sex === "male").length).toBeGreaterThan(100);
    expect(list.filter((p) => p.phone).length).toBeGreaterThan(200);
    expect(list.every((p) => p.phone === null || /^0[35789]\d{8}$/.test(p.phone))).toBe(true);
  });

  it("has exactly one Nguyễn Văn An and one Nguyễn Văn Đức in each hospital, as a search shows them", () => {
    for (const hospital of DEMO_HOSPITALS) {
      const list = generateDemoPatients(hospital);
      for (const name of ["Nguyễn Văn An", "Nguyễn Văn Đức"]) {
        expect(list.filter((p) => nameMatchesQuery(p.fullName, name)).map((p) => p.fullName), `${hospital.slug} ${name}`).toEqual([name]);
      }
    }
  });

  it("keeps each hospital's distinctive patients out of the other hospital, even by a diacritic-free search", () => {
    for (const [own, other] of [
      [tamNong, muongLat],
      [muongLat, tamNong],
    ] as const) {
      const otherList = generateDemoPatients(other);
      const ownList = generateDemoPatients(own);
      for (const { fullName } of own.distinctivePatients) {
        expect(otherList.filter((p) => nameMatchesQuery(p.fullName, fullName)), `${fullName} in ${other.slug}`).toEqual([]);
        expect(ownList.filter((p) => nameMatchesQuery(p.fullName, fullName)), `${fullName} in ${own.slug}`).toHaveLength(1);
      }
    }
  });
});
