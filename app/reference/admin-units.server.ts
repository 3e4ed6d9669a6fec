// Vietnam's administrative units after the 1 July 2025 reform: 34 provinces and 3,321 communes (xã,
// phường, đặc khu); no district level any more. Server-only: the commune list is 117 KB, so pages get
// just the communes of the chosen province from their loader. Provenance: app/reference/data/README.md.
import wardsData from "./data/wards-2025.json";
import { PROVINCE_LIST } from "./national-lists";

export type Province = { code: string; name: string };
export type Commune = { code: string; name: string; provinceCode: string };

export const PROVINCES: readonly Province[] = PROVINCE_LIST;

const communes: readonly Commune[] = (wardsData as [string, string, string][]).map(([code, name, provinceCode]) => ({ code, name, provinceCode }));
const communesByProvince = new Map<string, Commune[]>();
const communeByCode = new Map<string, Commune>();
for (const commune of communes) {
  const list = communesByProvince.get(commune.provinceCode) ?? [];
  list.push(commune);
  communesByProvince.set(commune.provinceCode, list);
  communeByCode.set(commune.code, commune);
}
const provinceByCode = new Map(PROVINCES.map((p) => [p.code, p]));

export function findProvince(code: string): Province | undefined {
  return provinceByCode.get(code);
}

export function findCommune(code: string): Commune | undefined {
  return communeByCode.get(code);
}

/** The communes of one province, by name; empty for an unknown code. */
export function communesOf(provinceCode: string): readonly Commune[] {
  return communesByProvince.get(provinceCode) ?? [];
}

/** Lower case, no diacritics (đ → d), single spaces: for matching an address typed or scanned. */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** "Tỉnh Đồng Tháp" → "dong thap"; "Thành phố Hồ Chí Minh" → "ho chi minh"; "Phường Cao Lãnh" → "cao lanh". */
function bareName(name: string): string {
  return foldVietnamese(name).replace(/^(thanh pho|tinh|phuong|xa|dac khu|thi tran|tp\.?)\s+/, "");
}

/**
 * Best-effort reading of a free-text address (as printed on a chip ID card: "Số 12, Ấp 3, Xã Tân Công
 * Sính, Huyện Tam Nông, Đồng Tháp"): the province named by the last parts, then the commune of that
 * province named by a part before it. The parts before the commune are the street. The card may carry
 * a pre-2025 address (districts, communes since merged), so either match may be missing.
 */
export function matchAddress(text: string): { provinceCode: string | null; communeCode: string | null; street: string } {
  const parts = text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  let provinceCode: string | null = null;
  let provinceIndex = parts.length;
  for (let i = parts.length - 1; i >= 0 && provinceCode === null; i--) {
    const bare = bareName(parts[i]!);
    const province = PROVINCES.find((p) => bareName(p.name) === bare);
    if (province) {
      provinceCode = province.code;
      provinceIndex = i;
    }
  }
  let communeCode: string | null = null;
  let streetEnd = provinceIndex;
  if (provinceCode) {
    const candidates = communesOf(provinceCode);
    for (let i = provinceIndex - 1; i >= 0 && communeCode === null; i--) {
      const folded = foldVietnamese(parts[i]!);
      // A district ("Huyện", "Quận", "Thị xã", "Thành phố" below a province) is not a commune: skip it.
      if (/^(huyen|quan|thi xa)\s/.test(folded)) continue;
      const bare = bareName(parts[i]!);
      const commune = candidates.find((c) => foldVietnamese(c.name) === folded) ?? candidates.find((c) => bareName(c.name) === bare);
      if (commune) {
        communeCode = commune.code;
        streetEnd = i;
      }
    }
  }
  const street = parts
    .slice(0, communeCode ? streetEnd : provinceCode ? provinceIndex : parts.length)
    .filter((part) => !/^(huyen|quan|thi xa)\s/.test(foldVietnamese(part)))
    .join(", ");
  return { provinceCode, communeCode, street };
}
