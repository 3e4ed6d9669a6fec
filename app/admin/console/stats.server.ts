// Refreshing the console's aggregates (decision 057): refresh_tenant_stats() counts per hospital from
// (tenant_id, ...) indexes as the owner of the tenant tables and writes only counts into tenant_stats and
// tenant_usage_daily. A pg-boss job runs it (app/jobs/run-jobs.server.ts); the console shows when.
import { sql } from "drizzle-orm";
import { rowsOf, withPlatform } from "~db/scope.server";

/** Days of tenant_usage_daily recomputed each run (today and the day before, for late entries). */
export const REFRESH_DAYS = 2;
/** The chart's window: recomputed whole on the first run after deploying, or after a day without runs. */
export const BACKFILL_DAYS = 30;

export async function refreshTenantStats(days?: number): Promise<{ hospitals: number; days: number }> {
  return withPlatform("refresh the console's aggregates", async (p) => {
    let window = days;
    if (window === undefined) {
      const [last] = rowsOf<{ at: string | Date | null }>(await p.db.execute(sql`select max(refreshed_at) as at from tenant_stats`));
      const stale = !last?.at || Date.now() - new Date(last.at).getTime() > 86_400_000;
      window = stale ? BACKFILL_DAYS : REFRESH_DAYS;
    }
    const [row] = rowsOf<{ n: number }>(await p.db.execute(sql`select refresh_tenant_stats(${window}::int) as n`));
    return { hospitals: Number(row?.n ?? 0), days: window };
  });
}
