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
