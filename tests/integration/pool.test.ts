// The tenant setting under load, through the real pool: many tenant transactions in flight at once on
// shared connections must never see another tenant's rows, and must leave nothing behind on a
// connection for the next user of it.
//
// getAppConnection() reads DATABASE_POOL_SIZE when it first opens the pool. Every test file runs in its
// own module graph (vitest isolates files; tests/setup.ts closes the pool after each file), so setting it
// here, before any connection is made, sizes this file's pool; the test asserts that it took effect.
//
// Behind a transaction pooler (CI runs the application through PgBouncer, .ci/run) the pool's 20 client
// connections share the pooler's few server connections: the test then asserts that multiplexing
// instead, which is where a setting left on a server connection would reach another tenant.
process.env.DATABASE_POOL_SIZE = "20";

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEngine, getAppConnection } from "~db/client.server";
import { patients } from "~db/schema";
import { rowsOf, systemActor, withTenant } from "~db/scope.server";
import { adminRows } from "../support/admin";
import { runConcurrently } from "../support/concurrency";
import { createTestHospital } from "../support/factories";
import { findTransactionPooler, type TransactionPooler } from "../support/pooler";

const POOL_SIZE = 20;
const TRANSACTIONS = 1_200;
const PATIENTS_PER_TENANT = 3;
const onPostgres = databaseEngine() === "postgres";
const pooler: TransactionPooler | null = await findTransactionPooler();
const direct = onPostgres && !pooler;
afterAll(() => pooler?.close());

type Outcome = { tenantId: string; setting: string; settingAfterYield: string; rowTenants: string[]; pid: number };

let tenants: string[] = [];
const outcomes: Outcome[] = [];
let maxInFlight = 0;

async function tenantWithPatients(): Promise<string> {
  const hospital = await createTestHospital();
  await withTenant(hospital.id, systemActor("pool-test"), (t) =>
    t.db.insert(patients).values(
      Array.from({ length: PATIENTS_PER_TENANT }, (_, i) => ({
        tenantId: t.tenantId,
        mrn: `POOL-${i}-${randomUUID().slice(0, 8)}`,
        fullName: `Bệnh Nhân Bể Kết Nối ${i}`,
        birthDate: "1988-08-08",
        sex: "other" as const,
      })),
    ),
  );
  return hospital.id;
}

beforeAll(async () => {
  tenants = [await tenantWithPatients(), await tenantWithPatients(), await tenantWithPatients()];
  let inFlight = 0;
  // A start gate: the first POOL_SIZE transactions wait inside until all of them are open, so that the
  // full width is reached for certain, not by luck of timing. PGlite runs one at a time: no gate there;
  // nor behind a pooler, where transactions beyond its server connections wait for one to come free.
  let opened = 0;
  let openGate!: () => void;
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  // Twice the pool's width, so that a connection is never idle for want of work.
  await runConcurrently(TRANSACTIONS, POOL_SIZE * 2, async (i) => {
    const tenantId = tenants[i % tenants.length]!;
    await withTenant(tenantId, systemActor("pool-test"), async (t) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (direct && opened < POOL_SIZE) {
          if (++opened === POOL_SIZE) openGate();
          await gate;
        }
        const [before] = rowsOf<{ setting: string; pid: number }>(
          await t.db.execute(sql`select current_setting('app.tenant_id') as setting, pg_backend_pid() as pid`),
        );
        // Yield so that other transactions interleave between this transaction's statements.
        await new Promise((resolve) => setImmediate(resolve));
        // No tenant filter on purpose: row-level security alone decides what comes back.
        const rows = await t.db.select({ tenantId: patients.tenantId }).from(patients);
        const [after] = rowsOf<{ setting: string }>(await t.db.execute(sql`select current_setting('app.tenant_id') as setting`));
        outcomes.push({
          tenantId,
          setting: before!.setting,
          settingAfterYield: after!.setting,
          rowTenants: rows.map((r) => r.tenantId),
          pid: Number(before!.pid),
        });
      } finally {
        inFlight--;
      }
    });
  });
}, 300_000);

describe(`${TRANSACTIONS} tenant transactions alternating between 3 hospitals, ${POOL_SIZE * 2} callers on a pool of ${POOL_SIZE}`, () => {
  it("all ran, and each saw exactly its own tenant's setting and patients", () => {
    expect(outcomes).toHaveLength(TRANSACTIONS);
    const foreign = outcomes.filter(
      (o) =>
        o.setting !== o.tenantId ||
        o.settingAfterYield !== o.tenantId ||
        o.rowTenants.length !== PATIENTS_PER_TENANT ||
        o.rowTenants.some((rowTenant) => rowTenant !== o.tenantId),
    );
    expect(foreign).toEqual([]);
    for (const tenantId of tenants) expect(outcomes.filter((o) => o.tenantId === tenantId).length).toBeGreaterThan(TRANSACTIONS / 4);
  });

  it.runIf(direct)(`had ${POOL_SIZE} transactions in flight at once on ${POOL_SIZE} distinct server connections (Postgres without a pooler: PGlite has one session, a pooler few server connections)`, async () => {
    expect(maxInFlight).toBeGreaterThanOrEqual(POOL_SIZE);
    const pids = new Set(outcomes.map((o) => o.pid));
    expect(pids.size).toBeGreaterThanOrEqual(POOL_SIZE);
    // Seen from the server: the pool's own connections, as emr_app under the application's name.
    const live = await adminRows<{ pid: number }>(sql`
      select pid from pg_stat_activity
      where usename = 'emr_app' and application_name = 'emr' and datname = current_database()`);
    const livePids = new Set(live.map((r) => Number(r.pid)));
    expect(livePids.size).toBeGreaterThanOrEqual(POOL_SIZE);
    for (const pid of pids) expect(livePids.has(pid), `backend ${pid}`).toBe(true);
  });

  it.runIf(pooler !== null)(`through a transaction pooler: the pool's ${POOL_SIZE} client connections were multiplexed onto the pooler's few server connections`, async () => {
    const serverPoolSize = pooler!.serverPoolSize;
    expect(await pooler!.clientConnections()).toBeGreaterThanOrEqual(POOL_SIZE);
    // Several transactions at once, but never more than the pooler has server connections.
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(serverPoolSize);
    const pids = new Set(outcomes.map((o) => o.pid));
    expect(pids.size).toBeGreaterThan(1);
    expect(pids.size).toBeLessThanOrEqual(serverPoolSize);
  });

  it.runIf(!onPostgres)(
    "on PGlite (one session, no pool) ran them one at a time: transactions are serialised, never interleaved on the session",
    () => {
      // Interleaving on PGlite's single session would mean one BEGIN inside another: a shared tenant setting.
      expect(maxInFlight).toBe(1);
      expect(new Set(outcomes.map((o) => o.pid)).size).toBe(1);
    },
  );
});

describe("after the tenant transactions", () => {
  it("no tenant setting is left on pooled connections (40 concurrent queries outside withTenant)", async () => {
    const { db } = await getAppConnection();
    const settings = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const [row] = rowsOf<{ setting: string | null; role: string }>(
          await db.execute(sql`select current_setting('app.tenant_id', true) as setting, current_user::text as role`),
        );
        return row!;
      }),
    );
    for (const { setting, role } of settings) {
      expect(setting ?? "").toBe("");
      expect(role).toBe("emr_app");
    }
  });

  it.runIf(onPostgres)("every one of the server connections, held at once, has no tenant, actor or role left on it (Postgres only: holding several at once would deadlock PGlite's single session)", async () => {
    const { db } = await getAppConnection();
    // Directly, the pool's own connections; behind a pooler, the pooler's server connections.
    const width = pooler ? pooler.serverPoolSize : POOL_SIZE;
    let arrived = 0;
    let release!: () => void;
    const allHere = new Promise<void>((resolve) => (release = resolve));
    // Each transaction holds its connection until all have arrived, so every server connection is checked.
    const seen = await Promise.all(
      Array.from({ length: width }, () =>
        db.transaction(async (tx) => {
          const [row] = rowsOf<{ tenant: string | null; actor: string | null; role: string; pid: number }>(
            await tx.execute(sql`select current_setting('app.tenant_id', true) as tenant, current_setting('app.actor_id', true) as actor,
                                        current_user::text as role, pg_backend_pid() as pid`),
          );
          if (++arrived === width) release();
          await allHere;
          return row!;
        }),
      ),
    );
    expect(new Set(seen.map((r) => Number(r.pid))).size).toBe(width);
    for (const pid of new Set(outcomes.map((o) => o.pid))) expect(seen.some((r) => Number(r.pid) === pid)).toBe(true);
    for (const row of seen) {
      expect(row.tenant ?? "").toBe("");
      expect(row.actor ?? "").toBe("");
      expect(row.role).toBe("emr_app");
    }
  });
});
