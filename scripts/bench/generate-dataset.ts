// npm run bench:data: the benchmark dataset on the Postgres in DATABASE_URL (never PGlite), shared by
// every benchmark: one hospital `bench-big` with 100,000 patients among 999 others (`bench-0001` with
// 100, the rest 200-3,800 each), ~2.1 million patients and ~1 million audit entries in all, and the
// user bench@bench.demo (the demo password), doctor and admin in bench-big and bench-0001.
//
// Idempotent: hospitals are created if missing and filled only while they have no patients, one batch
// per transaction. Set-based SQL as the administrator with triggers off (session_replication_role), so
// this script fills what the triggers would have: search words, record-number counters and audit chain
// heads. The audit rows it writes are NOT hash-chained (decision 015): fine for measuring, and
// `npm run audit:verify` will say so for bench-* hospitals.
import postgres from "postgres";
import { closeDatabase, databaseEngine } from "~db/client.server";
import { migrateDatabase } from "~db/migrate.server";
import { systemActor, withTenant } from "~db/scope.server";
import { DEMO_PASSWORD } from "~/demo/demo-hospitals";
import { seededRandom, type Random } from "~/demo/random";
import { generateName, type NameTradition } from "~/demo/vietnamese-names";
import { ensureUser } from "~/auth/ensure-user.server";
import { addMembership } from "~/hospitals/add-staff.server";
import { installDefaultRoles } from "~/staff/roles.server";
import { BENCH_BIG, BENCH_SMALL_COUNT, BENCH_SMALL_FIRST, BENCH_USER, benchSlug, benchSmallSize } from "./dataset";

/** Audit entries per patient (reads of their chart): ~1 million over ~2.1 million patients. */
const AUDIT_PER_PATIENT = 0.5;
const NAME_POOL_SIZE = 50_000;
const BATCH_HOSPITALS = 50;
const RECORD_YEAR = "2026";

// A district hospital's mix of naming customs.
const TRADITIONS: readonly (readonly [NameTradition, number])[] = [
  ["kinhNorth", 50],
  ["kinhSouth", 40],
  ["thai", 6],
  ["hmong", 4],
];
const MOBILE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "070", "076", "077", "078", "079",
  "081", "082", "083", "085", "086", "088", "089", "090", "091", "093", "094", "096", "097", "098", "099"];

type PoolName = { fullName: string; sex: "female" | "male"; birthDate: string };

/** Names with their sex and birth date (modern given names for children), drawn like the demo's. */
function namePool(random: Random): PoolName[] {
  return Array.from({ length: NAME_POOL_SIZE }, () => {
    const sex = random.chance(0.52) ? "female" : "male";
    const year = 2025 - random.int(0, 95);
    const birthDate = `${year}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`;
    return { fullName: generateName(random, random.weighted(TRADITIONS), sex, year), sex, birthDate };
  });
}

function elapsed(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  if (databaseEngine() !== "postgres") {
    console.error("bench:data needs DATABASE_URL (the administrator's URL of a Postgres server); PGlite cannot hold this dataset.");
    process.exit(1);
  }
  const started = performance.now();
  await migrateDatabase();
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    // 1. Hospitals.
    const slugs = [BENCH_BIG.slug, ...Array.from({ length: BENCH_SMALL_COUNT }, (_, i) => benchSlug(i + 1))];
    const sizes = [BENCH_BIG.patients, ...Array.from({ length: BENCH_SMALL_COUNT }, (_, i) => benchSmallSize(i + 1))];
    await sql`insert into tenants (slug, name)
      select s, 'Bệnh viện đo hiệu năng ' || s from unnest(${slugs}::text[]) s
      on conflict (slug) do nothing`;
    const hospitals = await sql<{ id: string; slug: string; n: number; empty: boolean }[]>`
      select t.id, t.slug, x.n::int as n,
             not exists (select 1 from patients p where p.tenant_id = t.id) as empty
      from unnest(${slugs}::text[], ${sizes}::int[]) with ordinality as x(slug, size, n)
      join tenants t on t.slug = x.slug order by x.n`;
    const todo = hospitals.filter((h) => h.empty);
    console.log(`hospitals: ${hospitals.length} (${todo.length} to fill) [${elapsed(started)}]`);

    // 2. Patients, their search words, counters and audit entries, a batch of hospitals per transaction.
    if (todo.length > 0) {
      const pool = namePool(seededRandom(2026));
      const size = new Map(slugs.map((s, i) => [s, sizes[i]!]));
      let done = 0;
      for (let i = 0; i < todo.length; i += BATCH_HOSPITALS) {
        const batch = todo.slice(i, i + BATCH_HOSPITALS);
        await sql.begin(async (tx) => {
          await tx`set local session_replication_role = replica`;
          await tx`create temp table bench_names (i int primary key, full_name text, sex text, birth_date date) on commit drop`;
          await tx`insert into bench_names select * from unnest(
            ${pool.map((_, k) => k)}::int[], ${pool.map((p) => p.fullName)}::text[],
            ${pool.map((p) => p.sex)}::text[], ${pool.map((p) => p.birthDate)}::date[])`;
          await tx`create temp table bench_batch (tenant_id uuid, n int, size int) on commit drop`;
          await tx`insert into bench_batch select * from unnest(
            ${batch.map((h) => h.id)}::uuid[], ${batch.map((h) => h.n)}::int[], ${batch.map((h) => size.get(h.slug)!)}::int[])`;
          // Ids are sequential UUIDs (hospital number, patient number) so that the load appends to the
          // indexes instead of scattering; record numbers are what registerPatient would have given.
          await tx`insert into patients (tenant_id, id, mrn, full_name, birth_date, sex, phone)
            select b.tenant_id,
                   (lpad(to_hex(b.n), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
                   ${RECORD_YEAR.slice(-2)} || lpad(g::text, 6, '0'),
                   nm.full_name, nm.birth_date, nm.sex,
                   case when random() < 0.85 then (${MOBILE_PREFIXES}::text[])[1 + floor(random() * ${MOBILE_PREFIXES.length})::int]
                        || lpad(floor(random() * 10000000)::int::text, 7, '0') end
            from bench_batch b, generate_series(1, b.size) g,
                 lateral (select * from bench_names where i = (hashint4(b.n * 1000003 + g) & 2147483647) % ${NAME_POOL_SIZE}) nm
            order by b.n, g`;
          // What the patients_search_words trigger would have written (0005_patient-search-words.sql).
          await tx`insert into patient_search_words (tenant_id, patient_id, word, search_name)
            select distinct p.tenant_id, p.id, w, p.search_name
            from bench_batch b join patients p on p.tenant_id = b.tenant_id,
                 regexp_split_to_table(p.search_name, '\\s+') w
            where w <> ''`;
          await tx`insert into tenant_counters (tenant_id, id, value)
            select tenant_id, 'mrn', size from bench_batch
            on conflict (tenant_id, id) do update set value = excluded.value`;
          // Chart reads over the last year; seq as the chain trigger would number them, hashes unchained.
          await tx`insert into audit_events (tenant_id, id, seq, at, actor_id, actor_kind, action, entity_type, entity_id, patient_id, address, prev_hash, hash)
            select b.tenant_id, gen_random_uuid(), g, now() - make_interval(secs => (${365 * 86400}::float8 * (1 - g::float8 / a.n))::int),
                   null, 'user', 'patient.read', 'patients', pid::text, pid, 'bench',
                   '\\x'::bytea, sha256(convert_to(b.tenant_id::text || ':' || g, 'UTF8'))
            from bench_batch b,
                 lateral (select greatest(1, round(b.size * ${AUDIT_PER_PATIENT}::float8))::int as n) a,
                 generate_series(1, a.n) g,
                 lateral (select (lpad(to_hex(b.n), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(1 + (hashint4(g) & 2147483647) % b.size), 12, '0'))::uuid as pid) x`;
          await tx`insert into audit_heads (tenant_id, id, seq, hash)
            select b.tenant_id, 'chain', e.seq, e.hash
            from bench_batch b
            join lateral (select seq, hash from audit_events e where e.tenant_id = b.tenant_id order by seq desc limit 1) e on true
            on conflict (tenant_id, id) do update set seq = excluded.seq, hash = excluded.hash`;
        });
        done += batch.length;
        const patients = batch.reduce((sum, h) => sum + size.get(h.slug)!, 0);
        console.log(`  ${done}/${todo.length} hospitals filled (+${patients} patients) [${elapsed(started)}]`);
      }
      // Vacuum as autovacuum would after such a load: the visibility map lets searches read their
      // indexes only (index-only scans), as they do on a settled production table.
      console.log(`vacuum analyze [${elapsed(started)}]`);
      await sql`vacuum (analyze) patients`;
      await sql`vacuum (analyze) patient_search_words`;
      await sql`vacuum (analyze) audit_events`;
    }

    // 3. The bench user, through the application's own functions (audited like any membership).
    const user = await ensureUser({ ...BENCH_USER, password: DEMO_PASSWORD, locale: "vi" });
    for (const slug of [BENCH_BIG.slug, BENCH_SMALL_FIRST.slug]) {
      const hospital = hospitals.find((h) => h.slug === slug)!;
      await withTenant(hospital.id, systemActor("bench-data"), installDefaultRoles);
      await addMembership(hospital.id, user.id, ["doctor", "admin"], systemActor("bench-data"));
    }
    const [totals] = await sql<{ patients: number; audit: number }[]>`
      select (select count(*) from patients p join tenants t on t.id = p.tenant_id where t.slug like 'bench-%')::int as patients,
             (select count(*) from audit_events e join tenants t on t.id = e.tenant_id where t.slug like 'bench-%')::int as audit`;
    console.log(`done: ${hospitals.length} hospitals, ${totals!.patients} patients, ${totals!.audit} audit entries, ` +
      `user ${BENCH_USER.email} / ${DEMO_PASSWORD} in ${BENCH_BIG.slug} and ${BENCH_SMALL_FIRST.slug} [${elapsed(started)}]`);
  } finally {
    await sql.end();
    await closeDatabase();
  }
}

await main();
