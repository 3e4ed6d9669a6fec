// Refreshing the console's aggregates (decision 057): refresh_tenant_stats() counts per hospital from
// (tenant_id, ...) indexes as the owner of the tenant tables and writes only counts into tenant_stats and
// tenant_usage_daily. A pg-boss job runs it (app/jobs/run-jobs.server.ts); the console shows when.
import { sql } from "drizzle-orm";
import { rowsOf, withPlatform } from "~db/scope.server";

/** Days of tenant_usage_daily recomputed each run (today and the days before, for late entries). */
export const REFRESH_DAYS = 2;

export async function refreshTenantStats(days = REFRESH_DAYS): Promise<{ hospitals: number }> {
  const [row] = await withPlatform("refresh the console's aggregates", async (p) =>
    rowsOf<{ n: number }>(await p.db.execute(sql`select refresh_tenant_stats(${days}::int) as n`)),
  );
  return { hospitals: Number(row?.n ?? 0) };
}
