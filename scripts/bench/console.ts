// npm run bench:console: the console's hospitals list (decision 057) on 1,000 hospitals, as a markdown
// table of p50/p95/p99 per filter and sort, through listTenants() itself (the platform scope on the
// application's connection, exactly what /admin/tenants runs). Target: p95 < 100 ms.
//
// Which 1,000 hospitals:
//   - the dataset of `npm run bench:data` (decision 015: bench-big with 100,000 patients and 999 others,
//     ~2.1 million patients) when it is there: the aggregates come from refresh_tenant_stats() itself,
//     whose run time is printed too (the job's cost);
//   - otherwise 1,000 registry rows `bcon-0001`... created here, with aggregates written directly in the
//     same distribution as bench:data's patient counts (the list reads only tenants and tenant_stats, so
//     the list's cost is the same; the refresh's is not measured then). Idempotent.
// DATABASE_URL must name a Postgres (not the embedded database).
import postgres from "postgres";
import { closeDatabase, databaseEngine } from "~db/client.server";
import { migrateDatabase } from "~db/migrate.server";
import { refreshTenantStats } from "~/admin/console/stats.server";
import { listTenants, parseTenantListQuery } from "~/admin/console/tenants.server";
import { PROVINCES } from "~/reference/admin-units.server";
import { BENCH_BIG, benchSmallSize } from "./dataset";

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 20;
const TARGET_P95_MS = 100;
const HOSPITALS = 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

if (databaseEngine() !== "postgres") {
  console.error("bench:console needs DATABASE_URL (a Postgres): the embedded database is not what production runs.");
  process.exit(2);
}

await migrateDatabase();
const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });

const benchHospitals = (await admin<{ n: number }[]>`select count(*)::int as n from tenants where slug = ${BENCH_BIG.slug} or slug like 'bench-0%'`)[0]!.n;
let mode: string;
let refreshMs: number | null = null;
if (benchHospitals >= HOSPITALS) {
  mode = `bench:data dataset (${benchHospitals} hospitals), aggregates from refresh_tenant_stats()`;
  const started = performance.now();
  const { hospitals } = await refreshTenantStats(2);
  refreshMs = performance.now() - started;
  console.log(`refresh_tenant_stats(2): ${hospitals} hospitals in ${(refreshMs / 1000).toFixed(1)} s`);
} else {
  mode = `${HOSPITALS} registry rows bcon-NNNN with aggregates written directly`;
  const statuses = ["active", "active", "active", "trial", "onboarding", "read_only"];
  const templates = [["district-hospital", "1.1.0"], ["district-hospital", "1.0.0"], ["polyclinic", "1.0.0"], ["commune-health-station", "1.0.0"], [null, null]];
  const rows = Array.from({ length: HOSPITALS }, (_, i) => {
    const n = i + 1;
    const province = PROVINCES[n % PROVINCES.length]!;
    return {
      slug: `bcon-${String(n).padStart(4, "0")}`,
      name: `Bệnh viện Đo Hiệu Năng ${String(n).padStart(4, "0")} ${province.name}`,
      status: statuses[n % statuses.length]!,
      facility_code: String(90000 + n),
      province_code: province.code,
    };
  });
  await admin`insert into tenants ${admin(rows, "slug", "name", "status", "facility_code", "province_code")} on conflict (slug) do nothing`;
  const ids = await admin<{ id: string; slug: string }[]>`select id, slug from tenants where slug like 'bcon-%' order by slug`;
  const stats = ids.map(({ id }, i) => {
    const n = i + 1;
    const patients = n === 1 ? 100_000 : benchSmallSize(n);
    const [code, version] = templates[n % templates.length]!;
    return {
      hospital_id: id,
      staff_count: 5 + (n % 40),
      patient_count: patients,
      visits_7d: Math.round(patients / 40) + (n % 17),
      last_activity_at: new Date(Date.now() - ((n * 7919) % 100_000) * 60_000),
      approx_bytes: patients * 2600 + (n % 13) * 1_000_000,
      template_code: code,
      template_version: version,
      setup_steps: n % 6 === 4 ? ["profile", "template"] : ["profile", "template", "departments", "staff", "services", "review"],
    };
  });
  await admin`insert into tenant_stats ${admin(stats, "hospital_id", "staff_count", "patient_count", "visits_7d", "last_activity_at", "approx_bytes", "template_code", "template_version", "setup_steps")}
              on conflict (hospital_id) do update set staff_count = excluded.staff_count, patient_count = excluded.patient_count,
                visits_7d = excluded.visits_7d, last_activity_at = excluded.last_activity_at, approx_bytes = excluded.approx_bytes,
                template_code = excluded.template_code, template_version = excluded.template_version, setup_steps = excluded.setup_steps`;
}
await admin`analyze tenants`;
await admin`analyze tenant_stats`;
const total = (await admin<{ total: number }[]>`select count(*)::int as total from tenants where training_of is null and archived_at is null`)[0]!.total;
await admin.end();

const KINDS: { name: string; params: string }[] = [
  { name: "default (name A→Z, page 1)", params: "" },
  { name: "name A→Z, page 10", params: "page=10" },
  { name: "patients, most first", params: "sort=patients&dir=desc" },
  { name: "visits 7 d, most first, page 5", params: "sort=visits&dir=desc&page=5" },
  { name: "last activity, oldest first", params: "sort=activity&dir=asc" },
  { name: "status active, size largest", params: "status=active&sort=size&dir=desc" },
  { name: `province ${PROVINCES[1]!.name}, patients`, params: `province=${PROVINCES[1]!.code}&sort=patients&dir=desc` },
  { name: "template district-hospital@1.1.0", params: "template=district-hospital@1.1.0" },
  { name: "search name/slug \"004\"", params: "q=004" },
  { name: "search name \"hiệu năng\", page 3", params: "q=hi%E1%BB%87u%20n%C4%83ng&page=3" },
  { name: "search facility code prefix", params: "q=9012" },
  { name: "search no match", params: "q=khongcobenhviennay" },
];

const results: { name: string; rows: number; p50: number; p95: number; p99: number }[] = [];
for (const kind of KINDS) {
  const query = parseTenantListQuery(new URLSearchParams(kind.params));
  let rows = 0;
  for (let i = 0; i < WARMUP; i++) rows = (await listTenants(query)).rows.length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await listTenants(query);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  results.push({ name: kind.name, rows, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) });
}
await closeDatabase();

console.log(`\n### /admin/tenants list query: ${total} hospitals listed (${mode}), ${RUNS} runs each after ${WARMUP} warm-up\n`);
console.log("| query | rows | p50 ms | p95 ms | p99 ms |");
console.log("|---|---:|---:|---:|---:|");
for (const r of results) console.log(`| ${r.name} | ${r.rows} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} |`);
const worst = Math.max(...results.map((r) => r.p95));
console.log(`\nworst p95: ${worst.toFixed(2)} ms (target < ${TARGET_P95_MS} ms)${refreshMs === null ? "" : `; refresh ${(refreshMs / 1000).toFixed(1)} s`}`);
process.exit(worst < TARGET_P95_MS ? 0 : 1);
