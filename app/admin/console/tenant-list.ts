// The hospitals list's URL parameters, for the page's links (client-safe; parsing is in tenants.server.ts).
import type { TenantStatus } from "~db/schema/platform";

export const SORTS = ["name", "created", "patients", "visits", "activity", "size"] as const;
export type TenantSort = (typeof SORTS)[number];

export type TenantListQuery = {
  q: string;
  status: TenantStatus | null;
  province: string | null;
  /** A template code, or code@version. */
  template: string | null;
  sort: TenantSort;
  dir: "asc" | "desc";
  /** 1-based. */
  page: number;
};

/** The list's URL for `query` with `change` applied (page back to 1 unless it is the change). */
export function tenantListHref(query: TenantListQuery, change: Partial<TenantListQuery>): string {
  const next = { ...query, page: 1, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.status) params.set("status", next.status);
  if (next.province) params.set("province", next.province);
  if (next.template) params.set("template", next.template);
  if (next.sort !== "name" || next.dir !== "asc") {
    params.set("sort", next.sort);
    params.set("dir", next.dir);
  }
  if (next.page > 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `/admin/tenants?${text}` : "/admin/tenants";
}

