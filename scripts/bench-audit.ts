// npm run bench:audit: what the audit log costs (decisions 006, 022), as markdown tables.
//   (a) one patient read in withTenant, without and with t.audit(): median and p95 latency, ratio;
//   (b) chart opens by 20 concurrent clients, all in ONE hospital against the same spread over 20,
//       audited and not: p50/p95 latency and throughput, with the chainer running alongside as in
//       production (target: audited p95 under 50 ms in one hospital);
//   (c) chaining what is left, then verifyAuditChain on the chain this run produced.
// Runs on DATABASE_URL when set (leaves its bench-* hospitals behind: audit rows cannot be deleted),
// otherwise on a throw-away PGlite (or EMR_DATA_DIR if set). Every loop is bounded; compare ratios
// within one run, not absolute numbers across machines (docs/architecture.md §10).
process.env.DATABASE_POOL_SIZE ??= "20";

import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { chainAuditBacklog, verifyAuditChain } from "~db/audit-chain.server";
import { closeDatabase, databaseEngine } from "~db/client.server";
import { migrateDatabase } from "~db/migrate.server";
import { patients } from "~db/schema";
import { type Actor, withTenant } from "~db/scope.server";
import { createHospital } from "~/hospitals/create-hospital.server";

const LATENCY_RUNS = 500;
const WARMUP_RUNS = 50;
const CONCURRENT_OPS = 2000;
const CLIENTS = 20;
const HOSPITALS = 20;
const CHAINER_EVERY_MS = 1000;
const PATIENTS_PER_HOSPITAL = 20;
const VERIFY_RUNS = 3;

const actor: Actor = { kind: "user", userId: null, address: "bench" };

let scratchDir: string | undefined;
if (databaseEngine() === "pglite" && !process.env.EMR_DATA_DIR) {
  scratchDir = mkdtempSync(path.join(os.tmpdir(), "emr-bench-"));
  process.env.EMR_DATA_DIR = scratchDir;
}

type Hospital = { id: string; patientIds: string[] };

async function benchHospital(): Promise<Hospital> {
  const hospital = await createHospital({ slug: `bench-${randomUUID().slice(0, 8)}`, name: "Bệnh viện đo hiệu năng" });
  const rows = await withTenant(hospital.id, actor, (t) =>
    t.db
      .insert(patients)
      .values(
        Array.from({ length: PATIENTS_PER_HOSPITAL }, (_, i) => ({
          tenantId: t.tenantId,
          mrn: `B-${i}`,
          fullName: `Bệnh Nhân Đo ${i}`,
          birthDate: "1970-01-01",
          sex: "other" as const,
        })),
      )
      .returning({ id: patients.id }),
  );
  return { id: hospital.id, patientIds: rows.map((r) => r.id) };
}

async function readPatient(hospital: Hospital, i: number, audited: boolean): Promise<void> {
  const patientId = hospital.patientIds[i % hospital.patientIds.length]!;
  await withTenant(hospital.id, actor, async (t) => {
    const [row] = await t.db
      .select()
      .from(patients)
      .where(and(eq(patients.tenantId, t.tenantId), eq(patients.id, patientId)));
    if (!row) throw new Error("bench patient not found");
    if (audited) t.audit({ action: "patient.read", entityType: "patients", entityId: patientId, patientId });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (n: number) => n.toFixed(2);

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

type Load = { p50: number; p95: number; perSecond: number };

/** CLIENTS callers open charts back to back until CONCURRENT_OPS are done; every latency is kept. */
async function concurrentLoad(op: (i: number) => Promise<void>): Promise<Load> {
  let next = 0;
  const latencies: number[] = [];
  const elapsed = await timed(async () => {
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < CONCURRENT_OPS) {
          const i = next++;
          latencies.push(await timed(() => op(i)));
        }
      }),
    );
  });
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), perSecond: CONCURRENT_OPS / (elapsed / 1000) };
}

/** The chainer as the job runner drives it, for the length of `fn`. */
async function withChainer<T>(fn: () => Promise<T>): Promise<T> {
  let running = true;
  const loop = (async () => {
    while (running) {
      await chainAuditBacklog();
      await new Promise((resolve) => setTimeout(resolve, CHAINER_EVERY_MS));
    }
  })();
  try {
    return await fn();
  } finally {
    running = false;
    await loop;
  }
}

try {
  if (scratchDir) await migrateDatabase();
  const started = performance.now();
  const hospitals: Hospital[] = [];
  for (let i = 0; i < HOSPITALS; i++) hospitals.push(await benchHospital());
  const main = hospitals[0]!;

  // (a) latency, the two variants interleaved so that drift affects both alike.
  for (let i = 0; i < WARMUP_RUNS; i++) {
    await readPatient(main, i, false);
    await readPatient(main, i, true);
  }
  const plain: number[] = [];
  const audited: number[] = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    plain.push(await timed(() => readPatient(main, i, false)));
    audited.push(await timed(() => readPatient(main, i, true)));
  }
  plain.sort((a, b) => a - b);
  audited.sort((a, b) => a - b);

  // (b) 20 concurrent clients, one hospital against twenty, audited or not, the chainer alongside.
  const cells: { label: string; load: Load }[] = [];
  const spread = (i: number) => hospitals[i % hospitals.length]!;
  await withChainer(async () => {
    cells.push({ label: "no audit, 1 hospital", load: await concurrentLoad((i) => readPatient(main, i, false)) });
    cells.push({ label: "audited, 1 hospital", load: await concurrentLoad((i) => readPatient(main, i, true)) });
    cells.push({ label: `no audit, ${HOSPITALS} hospitals`, load: await concurrentLoad((i) => readPatient(spread(i), i, false)) });
    cells.push({ label: `audited, ${HOSPITALS} hospitals`, load: await concurrentLoad((i) => readPatient(spread(i), i, true)) });
  });
  const chained = await chainAuditBacklog();

  // (c) verification.
  const verifyTimes: number[] = [];
  let entries = 0;
  for (let i = 0; i < VERIFY_RUNS; i++) {
    verifyTimes.push(
      await timed(async () => {
        const result = await verifyAuditChain(main.id);
        if (!result.ok) throw new Error(`bench chain broken at ${result.brokenAt}: ${result.reason}`);
        entries = result.entries;
      }),
    );
  }
  verifyTimes.sort((a, b) => a - b);
  const verifyMedian = verifyTimes[Math.floor(verifyTimes.length / 2)]!;

  const engine = databaseEngine() === "postgres" ? `Postgres (DATABASE_URL), pool ${process.env.DATABASE_POOL_SIZE}` : "PGlite (one session)";
  console.log(`## Audit benchmark: ${engine}, Node ${process.version}, ${os.cpus().length} CPU\n`);
  console.log(`### (a) One patient read in withTenant, ${LATENCY_RUNS} runs each (interleaved, after ${WARMUP_RUNS} warm-up)\n`);
  console.log("| variant | median ms | p95 ms |");
  console.log("| --- | ---: | ---: |");
  console.log(`| without audit | ${ms(percentile(plain, 50))} | ${ms(percentile(plain, 95))} |`);
  console.log(`| with t.audit (patient.read) | ${ms(percentile(audited, 50))} | ${ms(percentile(audited, 95))} |`);
  console.log(`| ratio audited / plain | ${(percentile(audited, 50) / percentile(plain, 50)).toFixed(2)} | ${(percentile(audited, 95) / percentile(plain, 95)).toFixed(2)} |`);
  console.log(`\n### (b) Chart opens, ${CLIENTS} concurrent clients, ${CONCURRENT_OPS} per cell, chainer every ${CHAINER_EVERY_MS} ms\n`);
  console.log("| load | p50 ms | p95 ms | opens/s |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const { label, load } of cells) console.log(`| ${label} | ${ms(load.p50)} | ${ms(load.p95)} | ${load.perSecond.toFixed(0)} |`);
  const [plainOne, auditedOne, , auditedSpread] = cells.map((c) => c.load);
  console.log(
    `\naudited/no audit throughput (1 hospital): ${(auditedOne!.perSecond / plainOne!.perSecond).toFixed(2)}; ` +
      `${HOSPITALS} hospitals/1 hospital audited throughput: ${(auditedSpread!.perSecond / auditedOne!.perSecond).toFixed(2)}; ` +
      `left to chain after the load: ${chained.linked} entries`,
  );
  console.log(`\n### (c) verifyAuditChain, median of ${VERIFY_RUNS}\n`);
  console.log("| chain length | ms | µs per entry |");
  console.log("| ---: | ---: | ---: |");
  console.log(`| ${entries} | ${ms(verifyMedian)} | ${((verifyMedian * 1000) / Math.max(entries, 1)).toFixed(1)} |`);
  console.log(`\n(total ${((performance.now() - started) / 1000).toFixed(1)} s)`);
} finally {
  await closeDatabase();
  if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
}
