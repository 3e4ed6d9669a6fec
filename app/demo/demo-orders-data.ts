// Plain data about the demo's orders (no server imports, so end-to-end tests can read it): the lab
// account of each demo hospital, and the patient who has a visit today, with a predictable visit id.
import { createHash } from "node:crypto";
import type { DemoStaff } from "./demo-hospitals";

/** A lab technician per demo hospital (the demo hospitals' staff lists have none). */
export const DEMO_LAB_STAFF: Record<string, DemoStaff> = {
  "bv-tam-nong": { role: "lab", email: "xetnghiem@tam-nong.demo", displayName: "Nguyễn Thị Lan" },
  "ttyt-muong-lat": { role: "lab", email: "xetnghiem@muong-lat.demo", displayName: "Lò Thị Mai" },
};

/** The demo patient of each hospital who is seen today in the clinic room (one of its distinctive patients). */
export const DEMO_ORDER_PATIENT: Record<string, string> = {
  "bv-tam-nong": "Huỳnh Thị Mỹ Tiên",
  "ttyt-muong-lat": "Hà Thị Xuân",
};

/** The id of that patient's demo visit on `day` (ISO): the same every time the seed runs that day. */
export function demoVisitId(slug: string, day: string): string {
  const hex = createHash("sha256").update(`demo-orders:${slug}:${day}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
