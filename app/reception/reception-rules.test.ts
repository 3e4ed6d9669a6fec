import { describe, expect, it } from "vitest";
import { formatBirthDate, parseBirthDateInput } from "~/patients/vietnam-date";
import { matchAddress } from "~/reference/admin-units.server";
import { citizenIdProblem, readCitizenId, tidyCitizenId } from "./citizen-id";
import { parseIdCardScan, looksLikeIdCardScan } from "./id-card-qr";
import { insuranceNumberProblem, insuranceValidOn, readInsuranceNumber, tidyInsuranceNumber } from "./insurance-card";

describe("birth dates as reception types them", () => {
  it("reads dd/mm/yyyy with one-digit parts, eight digits, and the year alone", () => {
    expect(parseBirthDateInput("05/03/1980")).toEqual({ ok: true, iso: "1980-03-05", precision: "day" });
    expect(parseBirthDateInput("5/3/1980")).toEqual({ ok: true, iso: "1980-03-05", precision: "day" });
    expect(parseBirthDateInput("05031980")).toEqual({ ok: true, iso: "1980-03-05", precision: "day" });
    expect(parseBirthDateInput(" 1948 ")).toEqual({ ok: true, iso: "1948-01-01", precision: "year" });
  });

  it("tells a wrong shape from a date that does not exist", () => {
    expect(parseBirthDateInput("1980-03-05")).toEqual({ ok: false, problem: "format" });
    expect(parseBirthDateInput("050380")).toEqual({ ok: false, problem: "format" });
    expect(parseBirthDateInput("31022000")).toEqual({ ok: false, problem: "notReal" });
  });

  it("shows dd/mm/yyyy, or the year only", () => {
    expect(formatBirthDate("1980-03-05")).toBe("05/03/1980");
    expect(formatBirthDate("1948-01-01", "year")).toBe("1948");
  });
});

describe("citizen ID (CCCD)", () => {
  it("reads birth year and sex from the century digit", () => {
    expect(readCitizenId("087090012345")).toEqual({ provinceCode: "087", birthYear: 1990, sex: "male" });
    expect(readCitizenId("087190012345")).toEqual({ provinceCode: "087", birthYear: 1990, sex: "female" });
    expect(readCitizenId("001305012345")).toEqual({ provinceCode: "001", birthYear: 2005, sex: "female" });
    expect(readCitizenId("08719001234")).toBeNull();
  });

  it("accepts a number consistent with birth year and sex", () => {
    expect(citizenIdProblem(tidyCitizenId("087 090 012 345"), { birthYear: 1990, sex: "male" })).toBeNull();
    expect(citizenIdProblem("079301012345", { birthYear: 2001, sex: "female" })).toBeNull();
    expect(citizenIdProblem("079301012345", { birthYear: 2001, sex: "other" })).toBeNull();
  });

  it("refuses a wrong length, an unknown province, another birth year or the other sex", () => {
    expect(citizenIdProblem("0871900123")).toBe("format");
    expect(citizenIdProblem("08719001234a")).toBe("format");
    expect(citizenIdProblem("099190012345")).toBe("province");
    expect(citizenIdProblem("087090012345", { birthYear: 1991, sex: "male" })).toBe("birthYear");
    expect(citizenIdProblem("087090012345", { birthYear: 1990, sex: "female" })).toBe("sex");
    // 2000s: digit 2 or 3, not 0.
    expect(citizenIdProblem("087005012345", { birthYear: 2005, sex: "male" })).toBe("birthYear");
  });
});

describe("health-insurance card (BHYT)", () => {
  it("accepts the 15-character number, typed in lower case or with spaces", () => {
    const number = tidyInsuranceNumber("te1 35 0100000178");
    expect(number).toBe("TE1350100000178");
    expect(insuranceNumberProblem(number)).toBeNull();
    expect(readInsuranceNumber(number)).toEqual({ group: "TE", benefitLevel: 1, province: "35", socialInsuranceNumber: "0100000178" });
  });

  it("names a wrong benefit level apart from a wrong shape", () => {
    expect(insuranceNumberProblem("TE6350100000178")).toBe("benefitLevel");
    expect(insuranceNumberProblem("TE135010000017")).toBe("format");
    expect(insuranceNumberProblem("1E1350100000178")).toBe("format");
  });

  it("is valid between its dates", () => {
    const card = { validFrom: "2026-01-01", validTo: "2026-12-31" };
    expect(insuranceValidOn(card, "2026-11-26")).toBe(true);
    expect(insuranceValidOn(card, "2027-01-01")).toBe(false);
    expect(insuranceValidOn(card, "2025-12-31")).toBe(false);
  });
});

describe("the chip ID card's QR code", () => {
  it("reads a scan with diacritics and the old ID", () => {
    const scan = parseIdCardScan("087090012345|341234567|Nguyễn Văn An|05031990|Nam|Ấp 3, Xã Tân Công Sính, Huyện Tam Nông, Đồng Tháp|10082021");
    expect(scan).toEqual({
      citizenId: "087090012345",
      oldId: "341234567",
      fullName: "Nguyễn Văn An",
      birthDate: "1990-03-05",
      birthDatePrecision: "day",
      sex: "male",
      address: "Ấp 3, Xã Tân Công Sính, Huyện Tam Nông, Đồng Tháp",
      issueDate: "2021-08-10",
    });
  });

  it("reads a scan without the old ID, decomposed marks, and extra trailing fields", () => {
    const scan = parseIdCardScan("038301004567||Le\u0302 Thi\u0323 Thu Hà|21112001|Nữ|Thôn Đông, Xã Quảng Phú, Thanh Hóa|01022022|extra")!;
    expect(scan.oldId).toBeNull();
    expect(scan.fullName).toBe("Lê Thị Thu Hà");
    expect(scan.sex).toBe("female");
    expect(scan.birthDate).toBe("2001-11-21");
  });

  it("is not fooled by a name, a phone or a record number", () => {
    expect(looksLikeIdCardScan("nguyen van an")).toBe(false);
    expect(looksLikeIdCardScan("087190012345")).toBe(false);
    expect(parseIdCardScan("0912345678")).toBeNull();
  });
});

describe("addresses after the 2025 reform", () => {
  it("finds the province and commune named in a card address, the rest is the street", () => {
    expect(matchAddress("Số 12, Ấp 3, Xã Tam Nông, Tỉnh Đồng Tháp")).toEqual({ provinceCode: "82", communeCode: "30010", street: "Số 12, Ấp 3" });
  });

  it("keeps a pre-2025 commune in the street when it no longer exists, and drops the district", () => {
    expect(matchAddress("Ấp 3, Xã Tân Công Sính, Huyện Tam Nông, Đồng Tháp")).toEqual({
      provinceCode: "82",
      communeCode: null,
      street: "Ấp 3, Xã Tân Công Sính",
    });
  });

  it("keeps the whole text as street when nothing matches", () => {
    expect(matchAddress("Khu phố 4, Nowhere")).toEqual({ provinceCode: null, communeCode: null, street: "Khu phố 4, Nowhere" });
  });
});
