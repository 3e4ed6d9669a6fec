// npm run bench:clinic-data: the clinical history of bench-big (decision 051), on top of `npm run
// bench:data` (decision 015). The district template through applyTemplate (rooms, services, formulary,
// note forms), then 500,000 visits over two years (today included: about 300 visits over the clinic
// rooms, done / in progress / waiting) with per visit one vitals row, one note, one or two ICD-10
// diagnoses, about 0.5 orders with results and 0.7 prescriptions of 1-3 items; allergies and problems for
// about 10% of the patients. Set-based SQL as the administrator with triggers off (session_replication_
// role = replica, as generate-dataset.ts), in batches of one transaction each. Idempotent: a visit's
// (room, day, queue number) follows from its index, so a rerun inserts nothing twice; a rerun on a later
// day adds that day's worklist.
import postgres from "postgres";
import { closeDatabase, databaseEngine } from "~db/client.server";
import { migrateDatabase } from "~db/migrate.server";
import { systemActor, withTenant } from "~db/scope.server";
import { findIcd10 } from "~/icd10/icd10-catalog.server";
import { todayInVietnam } from "~/patients/vietnam-date";
import { applyTemplate, getAppliedTemplate } from "~/templates/apply-template.server";
import { DISTRICT_TEMPLATE } from "~/templates/registry.server";
import { BENCH_BIG, BENCH_USER } from "./dataset";

export const CLINIC_VISITS = 500_000;
export const CLINIC_TODAY = 300;
const DAYS = 730;
const BATCH = 50_000;

// Common outpatient diagnoses of a district hospital (ICD-10 as published by the Ministry of Health).
const COMMON_CODES = [
  "J06.9", "I10", "E11.9", "K29.7", "J20.9", "M54.5", "A09", "K21.9", "J02.9", "N39.0", "E78.5", "J45.9",
  "M17.9", "K30", "B34.9", "J03.9", "R51", "I25.9", "J18.9", "L30.9", "H10.9", "K59.0", "M79.1", "R50.9",
];
const ALLERGENS = ["Penicillin", "Amoxicillin", "Aspirin", "Ibuprofen", "Sulfamethoxazole", "Hải sản", "Đậu phộng", "Cephalexin"];

function elapsed(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  if (databaseEngine() !== "postgres") {
    console.error("bench:clinic-data needs DATABASE_URL (Postgres) with the dataset of `npm run bench:data`.");
    process.exit(1);
  }
  const started = performance.now();
  await migrateDatabase();
  console.log(`migrated [${elapsed(started)}]`);
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const [big] = await sql<{ id: string }[]>`select id from tenants where slug = ${BENCH_BIG.slug}`;
    if (!big) throw new Error("no bench-big: run `npm run bench:data` first");
    const actor = systemActor("bench-clinic-data");
    const applied = await withTenant(big.id, actor, (t) => getAppliedTemplate(t));
    if (!applied) {
      await withTenant(big.id, actor, (t) => applyTemplate(t, DISTRICT_TEMPLATE));
      console.log(`template ${DISTRICT_TEMPLATE} applied [${elapsed(started)}]`);
    }
    const today = todayInVietnam();
    const [have] = await sql<{ all: number; today: number }[]>`
      select count(*)::int as all, count(*) filter (where visit_date = ${today}::date)::int as today
      from visits where tenant_id = ${big.id}`;
    if (have!.all >= CLINIC_VISITS && have!.today >= CLINIC_TODAY) {
      console.log(`bench-big already has ${have!.all} visits (${have!.today} today): nothing to do`);
      return;
    }

    const rooms = await sql<{ id: string }[]>`
      select id from rooms where tenant_id = ${big.id} and kind = 'clinic' and active order by code`;
    const labs = await sql<{ id: string; roomId: string }[]>`
      select s.id, coalesce(s.room_id, (select id from rooms where tenant_id = ${big.id} and kind <> 'clinic' order by code limit 1)) as "roomId"
      from services s where s.tenant_id = ${big.id} and s.kind = 'lab' and s.result_kind = 'numeric'
        and s.reference_low is not null and s.reference_high is not null and s.active`;
    const formulary = await sql<{ id: string }[]>`select id from formulary_items where tenant_id = ${big.id} and active order by code`;
    const [form] = await sql<{ code: string }[]>`select code from note_forms where tenant_id = ${big.id} and active order by code limit 1`;
    const [user] = await sql<{ id: string }[]>`select id from users where email = ${BENCH_USER.email}`;
    if (rooms.length === 0 || labs.length === 0 || formulary.length === 0 || !form) throw new Error("the template gave bench-big no clinic rooms, lab services or note forms");
    const codes = COMMON_CODES.map((c) => findIcd10(c)).filter((c) => c !== null);
    console.log(`${rooms.length} clinic rooms, ${labs.length} numeric lab services, form ${form.code}, ${codes.length} ICD-10 codes; today ${today}`);

    await sql`create temp table if not exists bench_patients (n int primary key, id uuid not null)`;
    await sql`truncate bench_patients`;
    await sql`insert into bench_patients select row_number() over (order by id)::int, id from patients where tenant_id = ${big.id}`;
    const [{ patients } = { patients: 0 }] = await sql<{ patients: number }[]>`select count(*)::int as patients from bench_patients`;

    for (let from = 0; from < CLINIC_VISITS; from += BATCH) {
      const to = Math.min(CLINIC_VISITS, from + BATCH) - 1;
      const inserted = await sql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`create temp table bv on commit drop as
          with slot as materialized (
            select k, case when k < ${CLINIC_TODAY}::int then 0 else 1 + ((k - ${CLINIC_TODAY}::int) % ${DAYS}::int) end as day_back,
                   case when k < ${CLINIC_TODAY}::int then k % ${rooms.length}::int else ((k - ${CLINIC_TODAY}::int) / ${DAYS}::int) % ${rooms.length}::int end as room_n,
                   case when k < ${CLINIC_TODAY}::int then k / ${rooms.length}::int + 1 else (k - ${CLINIC_TODAY}::int) / (${DAYS}::int * ${rooms.length}::int) + 1 end as queue,
                   1 + floor(random() * ${patients}::int)::int as pn
            from generate_series(${from}::int, ${to}::int) k)
          select k, gen_random_uuid() as id,
                 p.id as patient_id,
                 (${rooms.map((r) => r.id)}::uuid[])[room_n + 1] as room_id,
                 ${today}::date - day_back as visit_date, queue::int as queue,
                 case when day_back > 0 then 'done'
                      when queue <= 12 then 'done' when queue <= 13 then 'in_progress' else 'waiting' end as status,
                 ((${today}::date - day_back) + time '07:00' + (queue * interval '3 minutes')) at time zone 'Asia/Ho_Chi_Minh' as created_at,
                 random() as r
          from slot join bench_patients p on p.n = slot.pn`;
        const done = await tx`insert into visits (tenant_id, id, patient_id, room_id, visit_date, queue_number, payer, status,
            called_at, clinician_id, signed_at, signed_by, disposition, created_by, created_at, updated_at)
          select ${big.id}, id, patient_id, room_id, visit_date, queue, case when r < 0.8 then 'insurance' else 'self_pay' end, status,
            case when status <> 'waiting' then created_at + interval '20 minutes' end,
            case when status <> 'waiting' then ${user?.id ?? null}::uuid end,
            case when status = 'done' then created_at + interval '40 minutes' end,
            case when status = 'done' then ${user?.id ?? null}::uuid end,
            case when status = 'done' then (case when r < 0.85 then 'home' when r < 0.97 then 'follow_up' else 'admit' end) end,
            ${user?.id ?? null}::uuid, created_at, created_at
          from bv on conflict do nothing`;
        await tx`delete from bv where not exists (select 1 from visits v where v.tenant_id = ${big.id} and v.id = bv.id)`;
        if (done.count === 0) return 0;
        // Vitals: measured at triage, for every visit that has been called or is waiting after triage.
        await tx`insert into vitals (tenant_id, visit_id, patient_id, recorded_by, recorded_at, pulse, systolic, diastolic,
            temperature, respiratory_rate, spo2, weight_kg, height_cm, created_at, updated_at)
          select ${big.id}, id, patient_id, ${user?.id ?? null}::uuid, created_at + interval '10 minutes',
            60 + floor(random() * 40)::int, 100 + floor(random() * 60)::int, 60 + floor(random() * 30)::int,
            round((36 + random() * 2)::numeric, 1), 14 + floor(random() * 8)::int, 94 + floor(random() * 6)::int,
            round((40 + random() * 40)::numeric, 1), round((145 + random() * 30)::numeric, 1),
            created_at + interval '10 minutes', created_at + interval '10 minutes'
          from bv where status <> 'waiting' or queue % 2 = 0`;
        await tx`insert into visit_notes (tenant_id, visit_id, patient_id, form_code, content, status, created_by, updated_by,
            updated_by_name, created_at, updated_at)
          select ${big.id}, id, patient_id, ${form.code},
            jsonb_build_object('chief_complaint', (array['Sốt, ho 3 ngày', 'Đau đầu, chóng mặt', 'Đau bụng thượng vị', 'Khám định kỳ tăng huyết áp', 'Đau lưng', 'Tái khám đái tháo đường'])[1 + floor(r * 6)::int],
              'history', 'Bệnh nhân khai khởi phát cách đây vài ngày, đã tự dùng thuốc không đỡ.',
              'examination', 'Tỉnh, tiếp xúc tốt. Tim đều, phổi không ran. Bụng mềm.',
              'plan', 'Điều trị ngoại trú, hẹn tái khám.'),
            case when status = 'done' then 'signed' else 'draft' end, ${user?.id ?? null}::uuid, ${user?.id ?? null}::uuid,
            ${BENCH_USER.displayName}, created_at + interval '25 minutes', created_at + interval '35 minutes'
          from bv where status <> 'waiting'`;
        // Diagnoses: a principal one, and a secondary one for half the visits (a different code).
        await tx`insert into diagnoses (tenant_id, visit_id, patient_id, code, name_vi, name_en, principal, recorded_by, created_at, updated_at)
          select ${big.id}, bv.id, bv.patient_id, c.code, c.name_vi, c.name_en, d.n = 1, ${user?.id ?? null}::uuid,
            created_at + interval '30 minutes', created_at + interval '30 minutes'
          from bv cross join lateral (select 1 as n union all select 2 where bv.r < 0.5) d
          join unnest(${codes.map((c) => c.code)}::text[], ${codes.map((c) => c.nameVi)}::text[], ${codes.map((c) => c.nameEn)}::text[])
            with ordinality as c(code, name_vi, name_en, i)
            on c.i = 1 + (floor(bv.r * 1000)::int + (d.n - 1) * 7) % ${codes.length}::int
          where bv.status <> 'waiting'`;
        // Orders with a numeric result: about half the visits.
        await tx`create temp table bo on commit drop as
          select gen_random_uuid() as id, bv.id as visit_id, bv.patient_id, bv.created_at,
            (${labs.map((l) => l.id)}::uuid[])[1 + floor(random() * ${labs.length}::int)::int] as service_id
          from bv where bv.status <> 'waiting' and random() < 0.5`;
        await tx`insert into orders (tenant_id, id, visit_id, patient_id, service_id, room_id, status, ordered_by, resulted_at, created_at, updated_at)
          select ${big.id}, bo.id, bo.visit_id, bo.patient_id, bo.service_id, coalesce(s.room_id, ${labs[0]!.roomId}::uuid), 'resulted',
            ${user?.id ?? null}::uuid, bo.created_at + interval '90 minutes', bo.created_at + interval '30 minutes', bo.created_at + interval '90 minutes'
          from bo join services s on s.tenant_id = ${big.id} and s.id = bo.service_id`;
        await tx`insert into order_results (tenant_id, order_id, patient_id, value_numeric, unit, reference_low, reference_high, flag, entered_by, created_at)
          select ${big.id}, bo.id, bo.patient_id, v.value, s.result_unit, s.reference_low, s.reference_high,
            case when v.value < s.reference_low then 'low' when v.value > s.reference_high then 'high' else 'normal' end,
            ${user?.id ?? null}::uuid, bo.created_at + interval '90 minutes'
          from bo join services s on s.tenant_id = ${big.id} and s.id = bo.service_id
          cross join lateral (select round((s.reference_low + (s.reference_high - s.reference_low) * (random() * 1.4 - 0.2))::numeric, 2) as value) v`;
        // Prescriptions: 70% of the finished visits, 1-3 items from the formulary.
        await tx`create temp table bp on commit drop as
          select gen_random_uuid() as id, bv.id as visit_id, bv.patient_id, bv.created_at, bv.visit_date, 1 + floor(random() * 3)::int as items
          from bv where bv.status = 'done' and random() < 0.7`;
        await tx`insert into prescriptions (tenant_id, id, visit_id, patient_id, prescriber_id, advice, created_at, updated_at)
          select ${big.id}, id, visit_id, patient_id, ${user?.id ?? null}::uuid, 'Uống thuốc đúng giờ, tái khám khi có bất thường.',
            created_at + interval '35 minutes', created_at + interval '35 minutes' from bp`;
        await tx`insert into prescription_items (tenant_id, prescription_id, patient_id, formulary_item_id, drug_name, active_ingredient,
            strength, unit, route, dose_per_take, times_per_day, days, quantity, start_date, created_at, updated_at)
          select ${big.id}, bp.id, bp.patient_id, f.id, f.name, f.active_ingredient, f.strength, f.unit, f.route,
            1, 2, d.days, 2 * d.days, bp.visit_date, bp.created_at + interval '35 minutes', bp.created_at + interval '35 minutes'
          from bp cross join lateral generate_series(1, bp.items) i
          cross join lateral (select 5 + floor(random() * 26)::int + i * 0 as days, 1 + floor(random() * ${formulary.length}::int)::int + i * 0 as fn) d
          join formulary_items f on f.tenant_id = ${big.id} and f.id = (${formulary.map((f) => f.id)}::uuid[])[d.fn]`;
        return done.count;
      });
      console.log(`visits ${from}-${to}: ${inserted} new [${elapsed(started)}]`);
    }

    // Allergies and problems for about 10% of the patients (once: skipped when there are some).
    const [lists] = await sql<{ n: number }[]>`select count(*)::int as n from allergies where tenant_id = ${big.id}`;
    if (lists!.n === 0) {
      await sql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`insert into allergies (tenant_id, patient_id, substance, reaction, severity)
          select ${big.id}, id, (${ALLERGENS}::text[])[1 + (n % ${ALLERGENS.length}::int)], 'Nổi mẩn, ngứa',
            (array['mild', 'moderate', 'severe'])[1 + n % 3] from bench_patients where n % 10 = 3`;
        await tx`insert into problems (tenant_id, patient_id, description, code, onset)
          select ${big.id}, id, c.name_vi, c.code, '2020'
          from bench_patients
          join unnest(${codes.map((c) => c.code)}::text[], ${codes.map((c) => c.nameVi)}::text[]) with ordinality as c(code, name_vi, i)
            on c.i = 1 + (n / 10) % ${codes.length}::int
          where n % 10 = 7`;
      });
      console.log(`allergies and problems [${elapsed(started)}]`);
    }
    for (const table of ["visits", "vitals", "visit_notes", "diagnoses", "orders", "order_results", "prescriptions", "prescription_items", "allergies", "problems"]) {
      await sql.unsafe(`vacuum analyze ${table}`);
    }
    console.log(`vacuum analyze done [${elapsed(started)}]`);
  } finally {
    await sql.end();
    await closeDatabase();
  }
}

await main();
