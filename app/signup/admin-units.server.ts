// The 2025 administrative units (app/signup/data/README.md): 34 provinces and their 3,321 communes, wards
// and special zones. Bundled with the server; the page gets one province's communes at a time.
import provincesCsv from "./data/provinces.csv?raw";
import wardsCsv from "./data/wards.csv?raw";

export type AdminUnit = { code: string; name: string };

function rowsOf(csv: string): string[][] {
  // Trimmed copies without quoted fields (no name holds a comma).
  return csv
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));
}

const provinces: AdminUnit[] = rowsOf(provincesCsv).map(([code, name]) => ({ code: code!, name: name! }));
const wardsByProvince = new Map<string, AdminUnit[]>();
for (const [code, name, province] of rowsOf(wardsCsv)) {
  const list = wardsByProvince.get(province!) ?? [];
  list.push({ code: code!, name: name! });
  wardsByProvince.set(province!, list);
}

export function listProvinces(): AdminUnit[] {
  return provinces;
}

export function isProvince(code: string): boolean {
  return wardsByProvince.has(code);
}

/** The communes of a province, by name; empty for an unknown province. */
export function listWards(provinceCode: string): AdminUnit[] {
  return wardsByProvince.get(provinceCode) ?? [];
}

export function isWardOf(wardCode: string, provinceCode: string): boolean {
  return listWards(provinceCode).some((w) => w.code === wardCode);
}
