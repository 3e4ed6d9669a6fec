// The tabs of a visit page, in order. Each is its own route under /h/:hospital/visits/:visitId (see
// app/routes.ts); a capability adds its tab here and its route there.
export type VisitTab = {
  key: string;
  /** Below /h/:hospital/visits/:visitId; "" for the visit's own page. */
  suffix: string;
  /** Locale key of the tab's label. */
  label: "visit:tabs.vitals" | "visit:tabs.note" | "visit:tabs.diagnoses" | "visit:tabs.sign" | "orders:tab.label" | "prescriptions:tab.label";
};

export const VISIT_TABS: readonly VisitTab[] = [
  { key: "vitals", suffix: "", label: "visit:tabs.vitals" },
  { key: "note", suffix: "/note", label: "visit:tabs.note" },
  { key: "diagnoses", suffix: "/diagnoses", label: "visit:tabs.diagnoses" },
  { key: "orders", suffix: "/orders", label: "orders:tab.label" },
  { key: "prescription", suffix: "/prescription", label: "prescriptions:tab.label" },
  { key: "sign", suffix: "/sign", label: "visit:tabs.sign" },
];

export const visitPath = (slug: string, visitId: string, suffix = "") => `/h/${slug}/visits/${visitId}${suffix}`;
export const worklistPath = (slug: string) => `/h/${slug}/worklist`;
export const chartPath = (slug: string, patientId: string) => `/h/${slug}/patients/${patientId}/chart`;
