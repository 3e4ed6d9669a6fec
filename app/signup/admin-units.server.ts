// Sign-up's view of the 2025 administrative units: the one copy in app/reference/ (34 provinces, 3,321
// communes, wards and special zones), which reception uses too. The page gets one province's communes at a time.
import { communesOf, findCommune, findProvince, PROVINCES } from "~/reference/admin-units.server";

export type AdminUnit = { code: string; name: string };

export function listProvinces(): AdminUnit[] {
  return PROVINCES.map(({ code, name }) => ({ code, name }));
}

export function isProvince(code: string): boolean {
  return findProvince(code) !== undefined;
}

/** The communes of a province, by name; empty for an unknown province. */
export function listWards(provinceCode: string): AdminUnit[] {
  return communesOf(provinceCode).map(({ code, name }) => ({ code, name }));
}

export function isWardOf(wardCode: string, provinceCode: string): boolean {
  return findCommune(wardCode)?.provinceCode === provinceCode;
}
