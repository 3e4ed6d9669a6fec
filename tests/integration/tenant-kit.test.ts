// The kit's SQL half, protect_tenant_table() (decision 019), on a table made for the test inside a
// rolled-back administrator transaction: what a migration for the next table gets from one call.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~db/client.server";
import { rowsOf } from "~db/scope.server";
import { withAdminRollback } from "../support/admin";
import { createTestHospital, createTestPatient } from "../support/factories";
import { expectPgError, PG } from "../support/pg-error";

let hospital: { id: string };
let patientId: string;

beforeAll(async () => {
  hospital = await createTestHospital();
  patientId = (await createTestPatient(hospital.id)).id;
});

const tenantClause = "tenant_id = (select app_tenant_id())";

/** A visit-like tenant table shaped as tenantTable() declares it, protected, then used as emr_app. */
async function withProtectedVisits<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  return withAdminRollback(async ({ db }) => {
    await db.execute(
      sql.raw(`create table visit_probe (
        tenant_id uuid not null references tenants(id), id uuid not null default gen_random_uuid(),
        patient_id uuid not null, note text, updated_at timestamptz not null default '2000-01-01',
        primary key (tenant_id, id), foreign key (tenant_id, patient_id) references patients (tenant_id, id))`),
    );
    await db.execute(sql.raw("alter table visit_probe enable row level security"));
    await db.execute(sql.raw(`create policy visit_probe_tenant_isolation on visit_probe using (${tenantClause}) with check (${tenantClause})`));
    await db.execute(sql`select protect_tenant_table('visit_probe')`);
    await db.execute(sql`set local role emr_app`);
    await db.execute(sql`select set_config('app.tenant_id', ${hospital.id}, true)`);
    return fn(db);
  });
}

describe("protect_tenant_table", () => {
  it("audits every write to a new table and files it under the patient the row names", async () => {
    const entries = await withProtectedVisits(async (db) => {
      await db.execute(sql`insert into visit_probe (tenant_id, patient_id, note) values (${hospital.id}, ${patientId}, 'first')`);
      await db.execute(sql`update visit_probe set note = 'second'`);
      return rowsOf<{ action: string; patient_id: string; details: unknown }>(
        await db.execute(sql`select action, patient_id, details from audit_events where entity_type = 'visit_probe' order by seq`),
      );
    });
    expect(entries).toEqual([
      { action: "visit_probe.insert", patient_id: patientId, details: null },
      { action: "visit_probe.update", patient_id: patientId, details: { changed: ["note"] } },
    ]);
  });

  it("keeps updated_at current", async () => {
    const [row] = await withProtectedVisits(async (db) => {
      await db.execute(sql`insert into visit_probe (tenant_id, patient_id) values (${hospital.id}, ${patientId})`);
      await db.execute(sql`update visit_probe set note = 'seen'`);
      return rowsOf<{ fresh: boolean }>(await db.execute(sql`select updated_at > now() - interval '1 hour' as fresh from visit_probe`));
    });
    expect(row!.fresh).toBe(true);
  });

  it("gives the application no DELETE, and no rows without a tenant", async () => {
    const seenWithoutTenant = await withProtectedVisits(async (db) => {
      await db.execute(sql`insert into visit_probe (tenant_id, patient_id) values (${hospital.id}, ${patientId})`);
      await db.execute(sql`select set_config('app.tenant_id', '', true)`);
      return rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from visit_probe`));
    });
    expect(Number(seenWithoutTenant[0]!.n)).toBe(0);
    await expectPgError(
      withProtectedVisits((db) => db.execute(sql`delete from visit_probe`)),
      PG.insufficientPrivilege,
    );
  });
});
