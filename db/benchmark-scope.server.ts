// Benchmarks only (scripts/bench/): the administrator's transaction made to look like a tenant
// transaction, either as emr_app under row-level security or as itself without it, so that a benchmark
// can time one query both ways on the same connection and read the ratio that RLS costs. Lives in db/
// because only db/ may set roles and tenant settings (scripts/check-boundaries.ts).
import { sql } from "drizzle-orm";
import type { Transaction } from "./client.server";

export async function unsafeEnterTenantForBenchmark(tx: Transaction, tenantId: string, as: "emr_app" | "administrator"): Promise<void> {
  await tx.execute(
    as === "emr_app"
      ? sql`select set_config('role', 'emr_app', true), set_config('app.tenant_id', ${tenantId}, true)`
      : sql`select set_config('app.tenant_id', ${tenantId}, true)`,
  );
}

/**
 * Benchmarks only: every statement that follows in this transaction sends its plan (EXPLAIN ANALYZE,
 * with buffers) to the client as a NOTICE, through auto_explain; the caller's connection collects them.
 * Must run before the role changes (auto_explain's settings are the superuser's).
 */
export async function unsafeExplainForBenchmark(tx: Transaction): Promise<void> {
  await tx.execute(sql`load 'auto_explain'`);
  await tx.execute(sql`set local auto_explain.log_min_duration = 0`);
  await tx.execute(sql`set local auto_explain.log_analyze = on`);
  await tx.execute(sql`set local auto_explain.log_buffers = on`);
  await tx.execute(sql`set local auto_explain.log_timing = on`);
  await tx.execute(sql`set local auto_explain.log_level = notice`);
}
