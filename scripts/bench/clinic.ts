// npm run bench:clinic: the clinic's everyday reads in bench-big (100,000 patients, 500,000 visits of
// `npm run bench:clinic-data`, decision 051), as markdown tables. For patient search (reception's and the
// patient list's), the worklist of a room and opening a chart: p50/p95/p99 of the domain function as the
// application role under row-level security and as the administrator (no RLS), interleaved, and their
// ratio; then the full server path (withTenant with its audit entries), by one client and by 20
// concurrent clients in the one hospital; then the plans (EXPLAIN ANALYZE as emr_app in a tenant
// transaction, through auto_explain) of one worklist load and one chart open, written to
// test-results/bench-clinic-plans.txt. Nothing here asserts on time (docs/architecture.md §10).
process.env.DATABASE_POOL_SIZE ??= "24";

import { mkdirSync, writeFileSync } from "node:fs";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { unsafeEnterTenantForBenchmark, unsafeExplainForBenchmark } from "~db/benchmark-scope.server";
import { sql } from "drizzle-orm";
import { closeDatabase, databaseEngine, openAdminConnection, type Database } from "~db/client.server";
import * as schema from "~db/schema";
import { rowsOf, type TenantTx, systemActor, withTenant } from "~db/scope.server";
import { getChart } from "~/chart/chart.server";
import { findPatients } from "~/patients/find-patients.server";
import { todayInVietnam } from "~/patients/vietnam-date";
import { findReceptionPatients } from "~/reception/find-reception.server";
import { getWorklist, listWorklistRooms, type WorklistRoom } from "~/visits/worklist.server";
import { BENCH_BIG } from "./dataset";

const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const WARMUP_RUNS = 50;
const CONCURRENT_CLIENTS = 20;
const SAMPLES = 500;
const TARGET_RATIO = 1.1;
const TARGETS = { search: 20, worklist: 30, chart: 50 } as const;

const actor = systemActor("bench-clinic");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const ms = (n: number) => n.toFixed(2);
const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

type Op = { name: string; target: number; run: (t: TenantTx, i: number) => Promise<unknown> };

async function main(): Promise<void> {
  if (databaseEngine() !== "postgres") {
    console.error("bench:clinic needs DATABASE_URL (Postgres) with the dataset of `npm run bench:clinic-data`.");
    process.exit(1);
  }
  const admin = await openAdminConnection();
  try {
    const [big] = rowsOf<{ id: string }>(await admin.db.execute(sql`select id from tenants where slug = ${BENCH_BIG.slug}`));
    if (!big) throw new Error("no bench-big: run `npm run bench:data` and `npm run bench:clinic-data` first");
    const day = todayInVietnam();
    const [size] = rowsOf<{ patients: number; visits: number; today: number; hospitals: number; notes: number; orders: number; items: number }>(
      await admin.db.execute(sql`select (select count(*) from patients where tenant_id = ${big.id})::int as patients,
        (select count(*) from visits where tenant_id = ${big.id})::int as visits,
        (select count(*) from visits where tenant_id = ${big.id} and visit_date = ${day}::date)::int as today,
        (select count(*) from tenants)::int as hospitals,
        (select count(*) from visit_notes where tenant_id = ${big.id})::int as notes,
        (select count(*) from orders where tenant_id = ${big.id})::int as orders,
        (select count(*) from prescription_items where tenant_id = ${big.id})::int as items`),
    );
    if (!size || size.visits === 0) throw new Error("bench-big has no visits: run `npm run bench:clinic-data` first");
    // Patients who have been seen (their charts have history), and names and record numbers to search.
    const seen = rowsOf<{ id: string; search_name: string; mrn: string }>(
      await admin.db.execute(sql`select p.id, p.search_name, p.mrn from patients p
        where p.tenant_id = ${big.id} and p.id in (select patient_id from visits where tenant_id = ${big.id} order by hashtext(id::text) limit ${SAMPLES})`),
    );
    const names = seen.map((s, i) => {
      const words = s.search_name.split(" ");
      return i % 2 === 0 ? words.join(" ") : `${words[0]} ${words.at(-1)}`;
    });
    const rooms = await admin.db.transaction(async (tx) => {
      await unsafeEnterTenantForBenchmark(tx, big.id, "emr_app");
      return listWorklistRooms({ db: tx, tenantId: big.id, actor, audit: () => {} });
    });
    // The rooms with today's patients, busiest first: clinic rooms and the triage room's list of all.
    const clinicRooms = rooms.filter((r) => r.kind === "clinic");
    const worklistRooms: WorklistRoom[] = [...clinicRooms, ...rooms.filter((r) => r.kind === "triage")];
    if (worklistRooms.length === 0) throw new Error("bench-big has no worklist rooms");

    const ops: Op[] = [
      { name: "search: reception (name)", target: TARGETS.search, run: (t, i) => findReceptionPatients(t, names[i % names.length]!) },
      { name: "search: reception (record number)", target: TARGETS.search, run: (t, i) => findReceptionPatients(t, seen[i % seen.length]!.mrn) },
      { name: "search: patient list (name)", target: TARGETS.search, run: (t, i) => findPatients(t, { query: names[(i + 7) % names.length]! }) },
      {
        name: "worklist load (rooms + list)",
        target: TARGETS.worklist,
        run: async (t, i) => {
          const list = await listWorklistRooms(t);
          const room = list.find((r) => r.id === worklistRooms[i % worklistRooms.length]!.id) ?? list[0]!;
          return getWorklist(t, room, day);
        },
      },
      { name: "chart open (summary)", target: TARGETS.chart, run: (t, i) => getChart(t, seen[i % seen.length]!.id) },
    ];

    // 1. RLS versus owner: the same calls on the same connection and transaction shape, as emr_app with
    // the tenant set (forced RLS) or as the administrator; audit entries left out of both.
    const side = (op: Op, i: number, role: "emr_app" | "administrator") =>
      admin.db.transaction(async (tx) => {
        await unsafeEnterTenantForBenchmark(tx, big.id, role);
        return op.run({ db: tx, tenantId: big.id, actor, audit: () => {} }, i);
      });
    const [check] = await admin.db.transaction(async (tx) => {
      await unsafeEnterTenantForBenchmark(tx, big.id, "emr_app");
      return rowsOf<{ role: string; tenants: number }>(
        await tx.execute(sql`select current_user::text as role, (select count(distinct tenant_id) from visits)::int as tenants`),
      );
    });
    if (check?.role !== "emr_app" || check.tenants !== 1) throw new Error(`RLS side is not under RLS: ${JSON.stringify(check)}`);

    const ratioRows: string[] = [];
    let allMet = true;
    for (const op of ops) {
      for (let i = 0; i < WARMUP_RUNS; i++) {
        await side(op, i, "emr_app");
        await side(op, i, "administrator");
      }
      const app: number[] = [];
      const owner: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Alternate which side goes first, so that neither always meets the warmer cache.
        if (i % 2 === 0) {
          app.push(await timed(() => side(op, i, "emr_app")));
          owner.push(await timed(() => side(op, i, "administrator")));
        } else {
          owner.push(await timed(() => side(op, i, "administrator")));
          app.push(await timed(() => side(op, i, "emr_app")));
        }
      }
      const a = stats(app);
      const o = stats(owner);
      const ratio = a.p50 / o.p50;
      const met = a.p95 < op.target && ratio <= TARGET_RATIO;
      allMet &&= met;
      ratioRows.push(
        `| ${op.name} | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(a.p99)} | ${ms(o.p50)} | ${ms(o.p95)} | ${ms(o.p99)} | ${ratio.toFixed(2)} | < ${op.target} | ${met ? "yes" : "NO"} |`,
      );
      process.stderr.write(`  RLS vs owner, ${op.name}: done\n`);
    }

    // 2. The full server path: withTenant (emr_app, RLS) with its audit entries, by one client, then by
    // 20 concurrent clients in bench-big sharing RUNS calls.
    const full = (op: Op, i: number) => withTenant(big.id, actor, (t) => op.run(t, i));
    const fullRows: string[] = [];
    for (const op of ops) {
      for (let i = 0; i < WARMUP_RUNS; i++) await full(op, i);
      const alone: number[] = [];
      for (let i = 0; i < RUNS; i++) alone.push(await timed(() => full(op, i)));
      const busy: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENT_CLIENTS }, async () => {
          while (next < RUNS) {
            const i = next++;
            busy.push(await timed(() => full(op, i)));
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const s1 = stats(alone);
      const s20 = stats(busy);
      const met = s20.p95 < op.target;
      allMet &&= met;
      fullRows.push(
        `| ${op.name} | ${ms(s1.p50)} | ${ms(s1.p95)} | ${ms(s1.p99)} | ${ms(s20.p50)} | ${ms(s20.p95)} | ${ms(s20.p99)} | ${(RUNS / seconds).toFixed(0)} | < ${op.target} | ${met ? "yes" : "NO"} |`,
      );
      process.stderr.write(`  full path, ${op.name}: done\n`);
    }

    // 3. Plans: one worklist load (the busiest clinic room, then triage) and one chart open, as emr_app.
    const plans: string[] = [];
    const raw = postgres(process.env.DATABASE_URL!, { max: 1, prepare: false, onnotice: (n) => plans.push(String(n.message)) });
    try {
      const db = drizzle(raw, { schema }) as unknown as Database;
      const explain = async (title: string, fn: (t: TenantTx) => Promise<unknown>) => {
        plans.push(`\n===== ${title} =====`);
        await db.transaction(async (tx) => {
          await unsafeExplainForBenchmark(tx);
          await unsafeEnterTenantForBenchmark(tx, big.id, "emr_app");
          await fn({ db: tx, tenantId: big.id, actor, audit: () => {} });
        });
      };
      await explain(`worklist ${clinicRooms[0]?.code ?? ""}`, (t) => ops[3]!.run(t, 0));
      const triage = worklistRooms.findIndex((r) => r.kind === "triage");
      if (triage >= 0) await explain("worklist triage", (t) => ops[3]!.run(t, triage));
      // The patient with the most visits: the longest chart.
      const [longest] = rowsOf<{ id: string; n: number }>(
        await admin.db.execute(sql`select patient_id as id, count(*)::int as n from visits where tenant_id = ${big.id} group by patient_id order by n desc limit 1`),
      );
      await explain(`chart open (patient with ${longest?.n ?? 0} visits)`, (t) => getChart(t, longest?.id ?? seen[0]!.id));
      await explain("reception search (name)", (t) => findReceptionPatients(t, names[0]!));
    } finally {
      await raw.end({ timeout: 5 });
    }
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/bench-clinic-plans.txt", plans.join("\n"));

    console.log(
      `\n## Clinic reads: ${BENCH_BIG.slug} (${size.patients} patients, ${size.visits} visits, ${size.today} today, ` +
        `${size.notes} notes, ${size.orders} orders, ${size.items} prescription items) among ${size.hospitals} hospitals\n`,
    );
    console.log(`Postgres (DATABASE_URL), ${RUNS} runs per row after ${WARMUP_RUNS} warm-up, times in ms (server side: the domain call and its transaction).`);
    console.log(`Targets: p95 search < ${TARGETS.search}, worklist < ${TARGETS.worklist}, chart < ${TARGETS.chart}; RLS/owner ratio (p50) at most ${TARGET_RATIO}.\n`);
    console.log("### Row-level security versus the owner's plain query (one client, no audit entry)\n");
    console.log("| read | RLS p50 | RLS p95 | RLS p99 | owner p50 | owner p95 | owner p99 | RLS/owner | target p95 | met |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (const row of ratioRows) console.log(row);
    console.log(`\n### Full server path (withTenant as emr_app, audit entries written): 1 client, then ${CONCURRENT_CLIENTS} concurrent clients in ${BENCH_BIG.slug}\n`);
    console.log(`| read | 1 client p50 | p95 | p99 | ${CONCURRENT_CLIENTS} clients p50 | p95 | p99 | calls/s (${CONCURRENT_CLIENTS}) | target p95 | met (${CONCURRENT_CLIENTS}) |`);
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (const row of fullRows) console.log(row);
    console.log(`\nPlans (EXPLAIN ANALYZE as emr_app): test-results/bench-clinic-plans.txt`);
    console.log(allMet ? "\nAll clinic targets met." : "\nSome clinic targets NOT met (see the tables).");
  } finally {
    await admin.close();
    await closeDatabase();
  }
}

await main();
