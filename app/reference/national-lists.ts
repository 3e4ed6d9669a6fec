// The small national lists a registration form offers as choices: client-safe (about 5 KB together).
// Provinces after the 2025 reform, the 54 ethnic groups, the level-2 occupation codes. The communes
// (3,321) stay on the server: admin-units.server.ts. Provenance: app/reference/data/README.md.
import ethnicGroupsData from "./data/ethnic-groups.json";
import occupationsData from "./data/occupations.json";
import provincesData from "./data/provinces-2025.json";

export type CodedName = { code: string; name: string };

/** Province code (2 digits) and official name, e.g. { code: "82", name: "Tỉnh Đồng Tháp" }. */
export const PROVINCE_LIST: readonly CodedName[] = provincesData;
/** Ethnic groups 01–54 (MA_DANTOC); names are proper nouns, the same in every language. */
export const ETHNIC_GROUPS: readonly CodedName[] = ethnicGroupsData;
/** Occupation codes (MA_NGHE_NGHIEP) with their official Vietnamese names; screens show t(`occupation.<code>`). */
export const OCCUPATIONS: readonly CodedName[] = occupationsData;

export const PROVINCE_CODES: ReadonlySet<string> = new Set(PROVINCE_LIST.map((p) => p.code));
export const ETHNIC_CODES: ReadonlySet<string> = new Set(ETHNIC_GROUPS.map((e) => e.code));
export const OCCUPATION_CODES: ReadonlySet<string> = new Set(OCCUPATIONS.map((o) => o.code));
