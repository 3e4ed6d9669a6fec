// npm run bench:search: patient search in the 100,000-patient hospital of `npm run bench:data`
// (decision 014), as a markdown table. For each kind of query: p50/p95/p99 of findPatients as the
// application role under row-level security, the same calls as the administrator (no RLS), and their
// ratio; then the full request path (withTenant with its audit entry), and 20 concurrent searches in
// bench-big while a small hospital opens charts. Timings on a shared machine are noisy: the two sides
// of each ratio run interleaved so that drift affects both alike (docs/architecture.md §10).
process.env.DATABASE_POOL_SIZE ??= "24";

import { unsafeEnterTenantForBenchmark } from "~db/benchmark-scope.server";
import { sql } from "drizzle-orm";
import { closeDatabase, databaseEngine, openAdminConnection } from "~db/client.server";
import { rowsOf, type TenantTx, systemActor, withTenant } from "~db/scope.server";
import { findPatients } from "~/patients/find-patients.server";
import { getPatient } from "~/patients/get-patient.server";
import { BENCH_BIG, BENCH_SMALL_FIRST } from "./dataset";

const RUNS_PER_KIND = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP_RUNS = 30;
const SAMPLES = 200;
const CONCURRENT_SEARCHES = 20;
const CONCURRENT_DURATION_MS = 8000;
const TARGET_P95_MS = 20;
const TARGET_RATIO = 1.1;

const actor = systemActor("bench-search");

type Sample = { search_name: string; mrn: string; phone: string | null };
type Kind = { name: string; queries: string[] };

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

/** The kinds of query reception types, drawn from real rows of the big hospital. */
function queryKinds(samples: Sample[]): Kind[] {
  const named = samples.map((s) => s.search_name.split(" "));
  const phones = samples.flatMap((s) => (s.phone ? [s.phone] : []));
  return [
    {
      name: "name without diacritics",
      // The whole name, or family and given name only ("nguyen an").
      queries: named.map((words, i) => (i % 2 === 0 ? words.join(" ") : `${words[0]} ${words.at(-1)}`)),
    },
    {
      name: "name prefix",
      // What is on screen after a few keystrokes: "tran hu", "ngu", "le thi th".
      queries: named.map((words, i) =>
        i % 3 === 0 ? `${words[0]} ${words.at(-1)!.slice(0, 2)}` : i % 3 === 1 ? words[0]!.slice(0, 3) : `${words.slice(0, -1).join(" ")} ${words.at(-1)!.slice(0, 2)}`,
      ),
    },
    { name: "record number", queries: samples.map((s) => s.mrn) },
    { name: "phone prefix", queries: phones.map((p) => `${p.slice(0, 4)} ${p.slice(4, 6)}`) },
    { name: "phone +84", queries: phones.map((p) => `+84 ${p.slice(1, 4)} ${p.slice(4, 7)} ${p.slice(7)}`) },
  ];
}

async function main(): Promise<void> {
  if (databaseEngine() !== "postgres") {
    console.error("bench:search needs DATABASE_URL (Postgres) with the dataset of `npm run bench:data`.");
    process.exit(1);
  }
  const admin = await openAdminConnection();
  try {
    const hospitals = rowsOf<{ id: string; slug: string }>(
      await admin.db.execute(sql`select id, slug from tenants where slug in (${BENCH_BIG.slug}, ${BENCH_SMALL_FIRST.slug})`),
    );
    const big = hospitals.find((h) => h.slug === BENCH_BIG.slug);
    const small = hospitals.find((h) => h.slug === BENCH_SMALL_FIRST.slug);
    if (!big || !small) throw new Error("no bench hospitals: run `npm run bench:data` first");
    const samples = rowsOf<Sample>(
      await admin.db.execute(
        sql`select search_name, mrn, phone from patients where tenant_id = ${big.id} order by hashtext(id::text) limit ${SAMPLES}`,
      ),
    );
    const smallIds = rowsOf<{ id: string }>(
      await admin.db.execute(sql`select id from patients where tenant_id = ${small.id} limit 100`),
    ).map((r) => r.id);
    const [size] = rowsOf<{ n: number; hospitals: number; all: number }>(
      await admin.db.execute(sql`select (select count(*) from patients where tenant_id = ${big.id})::int as n,
        (select count(*) from tenants)::int as hospitals, (select count(*) from patients)::int as all`),
    );

    // Both sides on the same connection and transaction shape, so that only row-level security differs:
    // as emr_app with the tenant set (forced RLS applies), or as the administrator (no RLS). The audit
    // entry is left out of both; the full request path is measured below.
    const search = (query: string, role: "app" | "owner") =>
      admin.db.transaction(async (tx) => {
        await unsafeEnterTenantForBenchmark(tx, big.id, role === "app" ? "emr_app" : "administrator");
        const t: TenantTx = { db: tx, tenantId: big.id, actor, audit: () => {} };
        return findPatients(t, { query });
      });
    const asApp = (query: string) => search(query, "app");
    // The app side really runs as emr_app and sees only bench-big (RLS), or the ratio means nothing.
    const [check] = await admin.db.transaction(async (tx) => {
      await unsafeEnterTenantForBenchmark(tx, big.id, "emr_app");
      return rowsOf<{ role: string; tenants: number }>(
        await tx.execute(sql`select current_user::text as role, (select count(distinct tenant_id) from patients)::int as tenants`),
      );
    });
    if (check?.role !== "emr_app" || check.tenants !== 1) throw new Error(`RLS side is not under RLS: ${JSON.stringify(check)}`);
    const asOwner = (query: string) => search(query, "owner");

    const kinds = queryKinds(samples);
    const rows: string[] = [];
    let allMet = true;
    for (const kind of kinds) {
      for (let i = 0; i < WARMUP_RUNS; i++) {
        await asApp(kind.queries[i % kind.queries.length]!);
        await asOwner(kind.queries[i % kind.queries.length]!);
      }
      const app: number[] = [];
      const owner: number[] = [];
      let slowest = { ms: 0, query: "" };
      let found = 0;
      for (let i = 0; i < RUNS_PER_KIND; i++) {
        const query = kind.queries[i % kind.queries.length]!;
        // Alternate which side goes first, so that neither always meets the warmer cache.
        if (i % 2 === 0) {
          app.push(await timed(async () => (found += (await asApp(query)).total > 0 ? 1 : 0)));
          owner.push(await timed(() => asOwner(query)));
        } else {
          owner.push(await timed(() => asOwner(query)));
          app.push(await timed(async () => (found += (await asApp(query)).total > 0 ? 1 : 0)));
        }
      }
      app.forEach((time, i) => {
        if (time > slowest.ms) slowest = { ms: time, query: kind.queries[i % kind.queries.length]! };
      });
      process.stderr.write(`  ${kind.name}: done\n`);
      const a = stats(app);
      const o = stats(owner);
      const ratio = a.p50 / o.p50;
      const met = a.p95 < TARGET_P95_MS && ratio <= TARGET_RATIO;
      allMet &&= met;
      rows.push(
        `| ${kind.name} | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(a.p99)} | ${ms(o.p50)} | ${ms(o.p95)} | ${ms(o.p99)} | ${ratio.toFixed(2)} | ${Math.round((100 * found) / RUNS_PER_KIND)}% | ${met ? "yes" : "NO"} | ${slowest.query} (${ms(slowest.ms)}) |`,
      );
    }

    // The whole request path of a search: withTenant, findPatients and its audit entry.
    const names = kinds[0]!.queries;
    const full: number[] = [];
    for (let i = 0; i < RUNS_PER_KIND; i++) {
      full.push(await timed(() => withTenant(big.id, actor, (t) => findPatients(t, { query: names[i % names.length]! }))));
    }
    const f = stats(full);

    // A small hospital opens charts, alone and then while 20 searches run at once in the big one.
    const openChart = (i: number) => withTenant(small.id, actor, (t) => getPatient(t, smallIds[i % smallIds.length]!));
    const idle: number[] = [];
    for (let i = 0; i < RUNS_PER_KIND; i++) idle.push(await timed(() => openChart(i)));
    const busy: number[] = [];
    let searches = 0;
    let stop = false;
    const searchers = Array.from({ length: CONCURRENT_SEARCHES }, async (_, w) => {
      const all = kinds.flatMap((k) => k.queries);
      for (let i = w; !stop; i += CONCURRENT_SEARCHES) {
        await withTenant(big.id, actor, (t) => findPatients(t, { query: all[i % all.length]! }));
        searches++;
      }
    });
    const started = performance.now();
    for (let i = 0; performance.now() - started < CONCURRENT_DURATION_MS; i++) busy.push(await timed(() => openChart(i)));
    stop = true;
    await Promise.all(searchers);
    const seconds = (performance.now() - started) / 1000;
    const idleStats = stats(idle);
    const busyStats = stats(busy);

    console.log(
      `\n## Patient search: ${BENCH_BIG.slug} (${size!.n} patients) among ${size!.hospitals} hospitals, ${size!.all} patients in all\n`,
    );
    console.log(`Postgres (DATABASE_URL), ${RUNS_PER_KIND} runs per kind after ${WARMUP_RUNS} warm-up, times in ms.`);
    console.log(`Target: p95 under ${TARGET_P95_MS} ms as the app role, RLS/owner ratio (p50) at most ${TARGET_RATIO}.\n`);
    console.log(
      "| query kind | RLS p50 | RLS p95 | RLS p99 | owner p50 | owner p95 | owner p99 | RLS/owner | found | target met | slowest (RLS) |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
    for (const row of rows) console.log(row);
    console.log(`\nFull search request path (withTenant + audit entry), names: p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, p99 ${ms(f.p99)} ms`);
    console.log(
      `Chart open in ${BENCH_SMALL_FIRST.slug}: alone p50 ${ms(idleStats.p50)} / p95 ${ms(idleStats.p95)} ms; ` +
        `during ${CONCURRENT_SEARCHES} concurrent searches in ${BENCH_BIG.slug} p50 ${ms(busyStats.p50)} / p95 ${ms(busyStats.p95)} ms ` +
        `(${busy.length} opens; ${(searches / seconds).toFixed(0)} searches/s)`,
    );
    console.log(allMet ? "\nAll search targets met." : "\nSome search targets NOT met (see the table).");
  } finally {
    await admin.close();
    await closeDatabase();
  }
}

await main();
