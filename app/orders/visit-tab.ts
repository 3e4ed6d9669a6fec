// Entries for the visit page's tabs (app/visits/visit-tabs.ts, the visit core's). Client-safe data:
// the path below /h/:hospital/visits/:visitId, the label's locale key and the permission to see it.
// LEAD: add these to the visit page's tab list and its route's handle.i18n ("orders", "prescriptions").
import type { Permission } from "~/auth/permissions";

export type VisitTabEntry = { key: string; path: string; labelKey: string; permission: Permission };

export const ORDERS_TAB: VisitTabEntry = { key: "orders", path: "orders", labelKey: "orders:tab.label", permission: "visit:read" };

export const PRESCRIPTION_TAB: VisitTabEntry = {
  key: "prescription",
  path: "prescription",
  labelKey: "prescriptions:tab.label",
  permission: "visit:read",
};

export const VISIT_TABS_FROM_ORDERS: readonly VisitTabEntry[] = [ORDERS_TAB, PRESCRIPTION_TAB];
