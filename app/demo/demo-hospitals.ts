// The demo world: two hospitals, their staff logins and the patients that trainers and end-to-end tests
// rely on by name. Plain data, no server imports, so tests can import it to know what to look for.
import type { StaffRole } from "~db/schema";
import type { NameTradition } from "./vietnamese-names";

/** One password for every demo account, printed by the seed script. Demo data only. */
export const DEMO_PASSWORD = "khambenh2026";

export type DemoStaff = { role: StaffRole; email: string; displayName: string };

/** A patient who is always there, with these exact details. */
export type DemoPatient = { fullName: string; birthDate: string; sex: "female" | "male"; phone: string | null };

export type DemoHospital = {
  slug: string;
  name: string;
  departments: { code: string; name: string }[];
  staff: DemoStaff[];
  /** How this district's patients are named: traditions and their shares. */
  naming: readonly (readonly [NameTradition, number])[];
  /** How many patients in all, fixed ones included. */
  patientCount: number;
  /** Present in every demo hospital: "Nguyễn Văn An", "Nguyễn Văn Đức". */
  commonPatients: DemoPatient[];
  /** Present in this hospital only; a search for them in the other hospital finds nothing. */
  distinctivePatients: DemoPatient[];
};

const DEPARTMENTS = [
  { code: "KB", name: "Khoa Khám bệnh" },
  { code: "CC", name: "Khoa Cấp cứu" },
  { code: "NOI", name: "Khoa Nội tổng hợp" },
  { code: "NGOAI", name: "Khoa Ngoại tổng hợp" },
  { code: "SAN", name: "Khoa Phụ sản" },
  { code: "NHI", name: "Khoa Nhi" },
  { code: "XN", name: "Khoa Xét nghiệm" },
  { code: "DUOC", name: "Khoa Dược" },
];

export const DEMO_HOSPITALS: DemoHospital[] = [
  {
    slug: "bv-tam-nong",
    name: "Bệnh viện Đa khoa huyện Tam Nông",
    departments: DEPARTMENTS,
    staff: [
      { role: "admin", email: "quantri@tam-nong.demo", displayName: "Trần Minh Quân" },
      { role: "doctor", email: "bacsi@tam-nong.demo", displayName: "Lê Thị Thu Hà" },
      { role: "nurse", email: "dieuduong@tam-nong.demo", displayName: "Phạm Thị Hồng" },
      { role: "receptionist", email: "tiepdon@tam-nong.demo", displayName: "Võ Thị Kim Ngân" },
    ],
    naming: [
      ["kinhSouth", 85],
      ["kinhNorth", 15],
    ],
    patientCount: 300,
    commonPatients: [
      { fullName: "Nguyễn Văn An", birthDate: "1980-03-05", sex: "male", phone: "0912345678" },
      { fullName: "Nguyễn Văn Đức", birthDate: "1957-09-02", sex: "male", phone: "0983120457" },
    ],
    distinctivePatients: [
      { fullName: "Huỳnh Thị Mỹ Tiên", birthDate: "1994-07-14", sex: "female", phone: "0939441202" },
      { fullName: "Võ Văn Tèo", birthDate: "1949-12-20", sex: "male", phone: null },
    ],
  },
  {
    slug: "ttyt-muong-lat",
    name: "Trung tâm Y tế huyện Mường Lát",
    departments: DEPARTMENTS,
    staff: [
      { role: "admin", email: "quantri@muong-lat.demo", displayName: "Lò Văn Thắng" },
      { role: "doctor", email: "bacsi@muong-lat.demo", displayName: "Hà Văn Tùng" },
      { role: "nurse", email: "dieuduong@muong-lat.demo", displayName: "Lương Thị Hoa" },
      { role: "receptionist", email: "tiepdon@muong-lat.demo", displayName: "Phạm Thị Thu" },
    ],
    naming: [
      ["thai", 45],
      ["hmong", 30],
      ["kinhNorth", 25],
    ],
    patientCount: 300,
    commonPatients: [
      { fullName: "Nguyễn Văn An", birthDate: "1992-08-12", sex: "male", phone: "0868003571" },
      { fullName: "Nguyễn Văn Đức", birthDate: "1971-04-30", sex: "male", phone: null },
    ],
    distinctivePatients: [
      { fullName: "Lò Văn Pâng", birthDate: "1968-02-11", sex: "male", phone: "0374512688" },
      { fullName: "Hà Thị Xuân", birthDate: "1985-10-03", sex: "female", phone: "0357220914" },
      { fullName: "Giàng A Páo", birthDate: "2003-05-19", sex: "male", phone: null },
    ],
  },
];

/** A doctor who works in both demo hospitals, to show choosing a hospital after sign-in. */
export const DEMO_SHARED_STAFF: DemoStaff & { hospitals: string[] } = {
  role: "doctor",
  email: "luanphien@benhvien.demo",
  displayName: "Đỗ Quang Huy",
  hospitals: DEMO_HOSPITALS.map((h) => h.slug),
};

/**
 * The demo's platform owner, for the vendor's console at /admin (decision 055). DEMO ONLY: its TOTP
 * secret is published in the README so that someone trying the demo can add it to an authenticator
 * app; a real install creates its owner with `npm run staff:create` and enrols a secret of its own.
 */
export const DEMO_PLATFORM_OWNER = {
  email: "quantri@vendor.demo",
  displayName: "Quản trị Nền tảng (demo)",
  /** Base32, 20 bytes: otpauth://totp/EMR:quantri@vendor.demo?secret=KHAMBENHDEMOQUANTRINENTANGEMRVNX&issuer=EMR */
  totpSecret: "KHAMBENHDEMOQUANTRINENTANGEMRVNX",
} as const;
