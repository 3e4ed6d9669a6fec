// Orders and results as the application sees them (client-safe: pages import this file).
import type { OrderStatus, ResultFlag, ResultKind, ServiceKind } from "~db/schema";

/** Actions this module writes to the tenant's audit log; writes are audited by the table trigger. */
export const ORDER_AUDIT_ACTIONS = {
  /** Every read of results (the visit, the worklist's done list, the chart, a printout): decision 048. */
  resultRead: "result.read",
  visitRead: "visit.read",
} as const;

export const RESULT_ENTITY_TYPE = "order_results";

/** A lab room's worklist: what is waiting, or what was resulted today. */
export const WORKLIST_VIEWS = ["pending", "done"] as const;
export type WorklistView = (typeof WORKLIST_VIEWS)[number];

/** A result as a doctor reads it: the current row of its correction chain. */
export type ResultView = {
  id: string;
  valueNumeric: string | null;
  valueText: string | null;
  unit: string | null;
  referenceLow: string | null;
  referenceHigh: string | null;
  flag: ResultFlag | null;
  /** True when this row corrects an earlier one. */
  corrected: boolean;
  enteredAt: string;
  enteredBy: string | null;
};

export type OrderView = {
  id: string;
  visitId: string;
  patientId: string;
  serviceCode: string;
  serviceName: string;
  serviceKind: ServiceKind;
  resultKind: ResultKind | null;
  status: OrderStatus;
  version: number;
  orderedAt: string;
  result: ResultView | null;
};

/** Lab values are typed with a comma or a point ("7,8", "7.8"); at most 12 digits, 4 after the point. */
export function parseResultNumber(text: string): string | null {
  const typed = text.trim().replace(",", ".");
  if (!/^-?\d{1,8}(\.\d{1,4})?$/.test(typed)) return null;
  return typed;
}

/**
 * Abnormal high or low, from the value and the reference range in force when it was entered. No
 * bound, no check on that side; no bounds at all, no flag.
 */
export function flagResult(value: string, low: string | null, high: string | null): ResultFlag | null {
  if (low === null && high === null) return null;
  const v = Number(value);
  if (low !== null && v < Number(low)) return "low";
  if (high !== null && v > Number(high)) return "high";
  return "normal";
}

/** "3.9–6.4" for a range, "≤ 6.4" or "≥ 3.9" for one side, "" for none. Points become commas in Vietnamese. */
export function formatRange(low: string | null, high: string | null, decimal: string = ","): string {
  const n = (value: string) => trimNumber(value).replace(".", decimal);
  if (low !== null && high !== null) return `${n(low)}–${n(high)}`;
  if (high !== null) return `≤ ${n(high)}`;
  if (low !== null) return `≥ ${n(low)}`;
  return "";
}

/** "7.8000" → "7.8": numeric columns come back with their stored scale. */
export function trimNumber(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}

export function formatResultNumber(value: string, decimal: string = ","): string {
  return trimNumber(value).replace(".", decimal);
}
