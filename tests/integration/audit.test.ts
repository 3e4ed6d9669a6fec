// The audit log (docs/architecture.md §7, decisions 006, 022, 023): every write and every audited read lands in the
// tenant's log in its own transaction, the chainer links it just after, concurrent chainers never fork
// the chain, and tampering by someone with the database's keys shows up in verifyAuditChain at the first
// broken entry, or against the anchor kept outside the database.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { asc, eq, type SQL, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { anchorAuditChains } from "~db/audit-anchor.server";
import { chainAuditBacklog, chainTenantBacklog, formatVerification, verifyAuditChain, verifyAuditChains } from "~db/audit-chain.server";
import { databaseEngine, type Transaction } from "~db/client.server";
import { auditEvents, departments, patients } from "~db/schema";
import { type Actor, rowsOf, withTenant } from "~db/scope.server";
import { createHospital } from "~/hospitals/create-hospital.server";
import { withAdmin } from "../support/admin";
import { createTestHospital, createTestStaff, uniqueSlug } from "../support/factories";

// Hospitals without roles: the chains below count exactly the entries each test writes, and installing
// the default roles would add one hospital_roles.insert per role (decision 038).
const NO_ROLES = { roles: [] };

// Anchors of this file go to a directory of its own (the CLI below inherits it).
process.env.AUDIT_ANCHOR_DIR = mkdtempSync(path.join(os.tmpdir(), "emr-anchors-"));

type Entry = { seq: number; action: string };

async function entriesOf(tenantId: string): Promise<Entry[]> {
  return withAdmin(async ({ db }) =>
    rowsOf<Entry>(await db.execute(sql`select seq::int as seq, action from audit_events where tenant_id = ${tenantId} order by seq`)).map(
      (e) => ({ seq: Number(e.seq), action: e.action }),
    ),
  );
}

/** Changes the log behind the triggers' back, as someone holding the superuser's keys could. */
async function tamper(statement: SQL): Promise<void> {
  await withAdmin(({ db }) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(statement);
    }),
  );
}

async function newPatient(tenantId: string, actor: Actor, name = "Lê Thị Kiểm Toán") {
  return withTenant(tenantId, actor, async (t) => {
    const [row] = await t.db
      .insert(patients)
      .values({ tenantId: t.tenantId, mrn: `AU-${randomUUID().slice(0, 8)}`, fullName: name, birthDate: "1962-02-02", sex: "female" })
      .returning({ id: patients.id });
    return row!.id;
  });
}

/** A hospital with a short chain of writes and reads: 2 departments, 1 membership, 1 patient, 1 update, 3 reads. */
async function hospitalWithHistory() {
  const hospital = await createTestHospital(undefined, NO_ROLES);
  const staff = await createTestStaff(hospital.id);
  const doctor: Actor = { kind: "user", userId: staff.id, address: "10.1.2.3" };
  const patientId = await newPatient(hospital.id, doctor);
  await withTenant(hospital.id, doctor, (t) => t.db.update(patients).set({ phone: "0912345678" }).where(eq(patients.id, patientId)));
  for (let i = 0; i < 3; i++) {
    await withTenant(hospital.id, doctor, async (t) => {
      await t.db.select().from(patients).where(eq(patients.id, patientId));
      t.audit({ action: "patient.read", entityType: "patients", entityId: patientId, patientId });
    });
  }
  await chainTenantBacklog(hospital.id);
  return { hospital, staff, doctor, patientId, expectedEntries: 8 };
}

describe("the audit chain", () => {
  let history: Awaited<ReturnType<typeof hospitalWithHistory>>;
  beforeAll(async () => {
    history = await hospitalWithHistory();
  });

  it("a chain of writes and reads verifies, with seq 1..N and one entry each", async () => {
    const result = await verifyAuditChain(history.hospital.id);
    expect(result).toEqual({ ok: true, entries: history.expectedEntries, unchained: 0 });
    const entries = await entriesOf(history.hospital.id);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: history.expectedEntries }, (_, i) => i + 1));
    expect(entries.map((e) => e.action)).toEqual([
      "departments.insert",
      "departments.insert",
      "memberships.insert",
      "patients.insert",
      "patients.update",
      "patient.read",
      "patient.read",
      "patient.read",
    ]);
  });

  it("an audited read carries tenant, actor, action, patient, address and time", async () => {
    const reads = await withTenant(history.hospital.id, history.doctor, (t) =>
      t.db.select().from(auditEvents).where(eq(auditEvents.action, "patient.read")).orderBy(asc(auditEvents.seq)),
    );
    expect(reads).toHaveLength(3);
    expect(reads[0]).toMatchObject({
      tenantId: history.hospital.id,
      actorId: history.staff.id,
      actorKind: "user",
      action: "patient.read",
      patientId: history.patientId,
      address: "10.1.2.3",
    });
    expect(Date.now() - reads[0]!.at.getTime()).toBeLessThan(10 * 60_000);
  });

  it("every write to patients, departments and memberships is audited by trigger, with the actor from the transaction", async () => {
    const writes = await withTenant(history.hospital.id, history.doctor, (t) =>
      t.db.select().from(auditEvents).where(sql`${auditEvents.action} like '%.insert' or ${auditEvents.action} like '%.update'`).orderBy(asc(auditEvents.seq)),
    );
    const update = writes.find((w) => w.action === "patients.update")!;
    expect(update).toMatchObject({ entityType: "patients", entityId: history.patientId, patientId: history.patientId, actorId: history.staff.id, address: "10.1.2.3" });
    // Which columns changed, never their values.
    expect(update.details).toEqual({ changed: ["phone"] });
    expect(writes.filter((w) => w.action === "departments.insert")).toHaveLength(2);
    expect(writes.filter((w) => w.action === "memberships.insert")).toHaveLength(1);
    // A department edit too, with nobody calling t.audit.
    await withTenant(history.hospital.id, history.doctor, (t) =>
      t.db.update(departments).set({ name: "Khoa Nội tổng hợp" }).where(eq(departments.code, "NOI")),
    );
    const [departmentUpdate] = await withTenant(history.hospital.id, history.doctor, (t) =>
      t.db.select().from(auditEvents).where(eq(auditEvents.action, "departments.update")),
    );
    expect(departmentUpdate).toMatchObject({ actorId: history.staff.id, details: { changed: ["name"] } });
    expect(await verifyAuditChain(history.hospital.id)).toEqual({ ok: true, entries: history.expectedEntries, unchained: 1 });
    await chainTenantBacklog(history.hospital.id);
    expect(await verifyAuditChain(history.hospital.id)).toEqual({ ok: true, entries: history.expectedEntries + 1, unchained: 0 });
  });

  it("a transaction that fails records nothing, and verifying records nothing either", async () => {
    const before = (await entriesOf(history.hospital.id)).length;
    await expect(
      withTenant(history.hospital.id, history.doctor, async (t) => {
        t.audit({ action: "patient.read", patientId: history.patientId });
        throw new Error("the loader failed");
      }),
    ).rejects.toThrow("the loader failed");
    await verifyAuditChain(history.hospital.id);
    expect((await entriesOf(history.hospital.id)).length).toBe(before);
  });

  it("emr_app may execute audit_entry_hash (EXECUTE is granted to PUBLIC by default)", async () => {
    const [row] = await withTenant(history.hospital.id, history.doctor, async (t) =>
      rowsOf<{ role: string; allowed: boolean }>(
        await t.db.execute(sql`select current_user::text as role, has_function_privilege('audit_entry_hash(bytea, audit_events)', 'EXECUTE') as allowed`),
      ),
    );
    expect(row).toEqual({ role: "emr_app", allowed: true });
  });
});

describe("tampering, seen by verifyAuditChain", () => {
  it("a changed entry is reported at its own seq", async () => {
    const { hospital } = await hospitalWithHistory();
    await tamper(sql`update audit_events set action = 'patient.search' where tenant_id = ${hospital.id} and seq = 4`);
    expect(await verifyAuditChain(hospital.id)).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringMatching(/hash does not match/) });
  });

  it("a changed entry whose hash was recomputed is reported at the next seq (broken link)", async () => {
    const { hospital } = await hospitalWithHistory();
    await tamper(sql`update audit_events set address = '203.0.113.9' where tenant_id = ${hospital.id} and seq = 6`);
    await tamper(sql`update audit_events a set hash = audit_entry_hash(a.prev_hash, a) where tenant_id = ${hospital.id} and seq = 6`);
    expect(await verifyAuditChain(hospital.id)).toMatchObject({ ok: false, brokenAt: 7, reason: expect.stringMatching(/prev_hash/) });
  });

  it("a deleted entry is reported at the missing seq", async () => {
    const { hospital } = await hospitalWithHistory();
    await tamper(sql`delete from audit_events where tenant_id = ${hospital.id} and seq = 3`);
    expect(await verifyAuditChain(hospital.id)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/seq 3 is missing/) });
  });

  it("deleting the first entry is reported at seq 1", async () => {
    const { hospital } = await hospitalWithHistory();
    await tamper(sql`delete from audit_events where tenant_id = ${hospital.id} and seq = 1`);
    expect(await verifyAuditChain(hospital.id)).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it("deleting the newest entries is caught by the chain head", async () => {
    const { hospital, expectedEntries } = await hospitalWithHistory();
    await tamper(sql`delete from audit_events where tenant_id = ${hospital.id} and seq >= ${expectedEntries - 1}`);
    expect(await verifyAuditChain(hospital.id)).toMatchObject({
      ok: false,
      brokenAt: expectedEntries - 1,
      reason: expect.stringMatching(/missing \(the chain head is at seq 8\)/),
    });
  });

  it("a chain head that disagrees with the last entry is reported", async () => {
    const { hospital, expectedEntries } = await hospitalWithHistory();
    await tamper(sql`update audit_heads set hash = decode(repeat('11', 32), 'hex') where tenant_id = ${hospital.id}`);
    expect(await verifyAuditChain(hospital.id)).toMatchObject({ ok: false, brokenAt: expectedEntries, reason: expect.stringMatching(/head's hash/) });
  });

  it("a chain head left behind the log (an entry appended around the chain) is reported", async () => {
    const { hospital, expectedEntries } = await hospitalWithHistory();
    await tamper(sql`update audit_heads h set seq = e.seq, hash = e.hash from audit_events e
                     where h.tenant_id = ${hospital.id} and e.tenant_id = h.tenant_id and e.seq = ${expectedEntries - 1}`);
    expect(await verifyAuditChain(hospital.id)).toMatchObject({
      ok: false,
      brokenAt: expectedEntries,
      reason: expect.stringMatching(/head is at seq 7 but the log goes on to seq 8/),
    });
  });

  it("verifyAuditChains resolves slugs through the platform scope and formats each result", async () => {
    const good = await hospitalWithHistory();
    const bad = await hospitalWithHistory();
    await tamper(sql`update audit_events set action = 'x' where tenant_id = ${bad.hospital.id} and seq = 5`);
    const { verified, unknownSlugs } = await verifyAuditChains({ slugs: [good.hospital.slug, bad.hospital.slug, "khong-co-vien-nay"] });
    expect(unknownSlugs).toEqual(["khong-co-vien-nay"]);
    expect(verified.map(formatVerification).sort()).toEqual(
      [
        `${good.hospital.slug}: ok 8 entries; 0 unchained; no anchor found`,
        `${bad.hospital.slug}: BROKEN at seq 5: hash does not match the entry's content; 0 unchained; no anchor found`,
      ].sort(),
    );
  });

  it.runIf(databaseEngine() === "postgres")("scripts/audit-verify.ts exits 0 on a sound chain and 1 on a broken one", async () => {
    const good = await hospitalWithHistory();
    const bad = await hospitalWithHistory();
    await tamper(sql`delete from audit_events where tenant_id = ${bad.hospital.id} and seq = 2`);
    const run = (...args: string[]) =>
      spawnSync("node_modules/.bin/tsx", ["scripts/audit-verify.ts", ...args], { encoding: "utf8", env: process.env, timeout: 60_000 });
    const ok = run(good.hospital.slug);
    expect(ok.stdout).toBe(`${good.hospital.slug}: ok 8 entries; 0 unchained; no anchor found\n`);
    expect(ok.status).toBe(0);
    const broken = run(good.hospital.slug, bad.hospital.slug);
    expect(broken.stdout).toContain(`${bad.hospital.slug}: BROKEN at seq 2: entry seq 2 is missing (the next entry is seq 3)`);
    expect(broken.status).toBe(1);
    expect(run("khong-co-vien-nay").status).toBe(2);
  });
});

describe("concurrent writers and chainers on one hospital", () => {
  it("50 parallel audited transactions, then 4 racing chainers, give seq 1..50 in (at, id) order, once each", async () => {
    // No departments: the chain has no head yet, so the chainers also race to create it.
    const hospital = await createHospital({ slug: uniqueSlug(), name: "Bệnh viện đồng thời", roles: [] });
    const actor: Actor = { kind: "system", userId: null, address: "concurrency-test" };
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        withTenant(hospital.id, actor, async (t) => {
          t.audit({ action: "patient.search", details: { writer: i } });
        }),
      ),
    );
    // Written, not yet linked: the verifier reports the backlog.
    expect(await verifyAuditChain(hospital.id)).toEqual({ ok: true, entries: 0, unchained: 50 });
    await Promise.all([chainTenantBacklog(hospital.id), chainTenantBacklog(hospital.id), chainAuditBacklog(), chainAuditBacklog()]);
    await chainTenantBacklog(hospital.id);
    const linked = await withAdmin(async ({ db }) =>
      rowsOf<{ seq: number; in_order: boolean }>(
        await db.execute(sql`select seq::int as seq,
                                    (at, id) >= coalesce(lag((at, id)) over (order by seq), (at, id)) as in_order
                             from audit_events where tenant_id = ${hospital.id} order by seq`),
      ),
    );
    expect(linked.map((e) => Number(e.seq))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(linked.every((e) => e.in_order)).toBe(true);
    expect(await verifyAuditChain(hospital.id)).toEqual({ ok: true, entries: 50, unchained: 0 });
  });

  it.runIf(databaseEngine() === "postgres")("an audited read does not wait for another open transaction of the same hospital", async () => {
    const hospital = await createTestHospital(undefined, NO_ROLES);
    const actor: Actor = { kind: "system", userId: null, address: "no-lock-test" };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wroteFirst = new Promise<void>((resolve) => (written = resolve));
    const slow = withTenant(hospital.id, actor, async (t) => {
      await t.db.insert(auditEvents).values({ tenantId: t.tenantId, actorKind: "system", action: "patient.read" });
      written();
      await held;
    });
    await wroteFirst;
    const fast = withTenant(hospital.id, actor, async (t) => t.audit({ action: "patient.read" })).then(() => "committed");
    const outcome = await Promise.race([fast, new Promise((resolve) => setTimeout(() => resolve("blocked"), 3000))]);
    release();
    await Promise.all([slow, fast]);
    expect(outcome).toBe("committed");
  });
});

describe("the actor comes from the transaction", () => {
  it("an entry the app role writes naming another user records the transaction's actor, kind and address", async () => {
    const hospital = await createTestHospital(undefined, NO_ROLES);
    const real = await createTestStaff(hospital.id);
    const other = await createTestStaff(hospital.id);
    const actor: Actor = { kind: "user", userId: real.id, address: "10.9.8.7" };
    const [row] = await withTenant(hospital.id, actor, (t) =>
      t.db
        .insert(auditEvents)
        .values({ tenantId: t.tenantId, actorId: other.id, actorKind: "support", address: "203.0.113.1", action: "patient.read", seq: 999 })
        .returning(),
    );
    expect(row).toMatchObject({ actorId: real.id, actorKind: "user", address: "10.9.8.7", seq: null });
  });
});

describe("the audit tables' own owner and the anchors outside the database", () => {
  const asOwner = (statement: SQL) =>
    withAdmin(({ db }) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local role emr_owner`);
        await tx.execute(statement);
      }),
    );

  it("emr_owner, which runs other tables' migrations, can neither disable the append-only trigger nor rewrite an entry", async () => {
    const { hospital } = await hospitalWithHistory();
    await expect(asOwner(sql`alter table audit_events disable trigger audit_events_append_only`)).rejects.toThrow();
    await expect(asOwner(sql`update audit_events set action = 'x' where tenant_id = ${hospital.id} and seq = 1`)).rejects.toThrow();
    await expect(asOwner(sql`create or replace function audit_forbid_change() returns trigger language plpgsql as $$ begin return new; end $$`)).rejects.toThrow();
    const owners = await withAdmin(async ({ db }) =>
      rowsOf<{ owner: string }>(
        await db.execute(sql`select distinct pg_get_userbyid(relowner)::text as owner from pg_class where relname in ('audit_events', 'audit_heads')`),
      ),
    );
    expect(owners).toEqual([{ owner: "emr_audit_owner" }]);
  });

  it("a rewrite re-chained inside the database passes verifyAuditChain but fails against the signed anchor", async () => {
    const { hospital } = await hospitalWithHistory();
    await anchorAuditChains();
    await tamper(sql`update audit_events set address = '203.0.113.9' where tenant_id = ${hospital.id} and seq = 4`);
    // Re-chain from the rewritten entry on, and move the head: the in-database check cannot tell.
    await tamper(
      sql.raw(`do $$
        declare e audit_events; prev bytea;
        begin
          for e in select * from audit_events where tenant_id = '${hospital.id}' and seq >= 4 order by seq loop
            select hash into prev from audit_events where tenant_id = e.tenant_id and seq = e.seq - 1;
            update audit_events set prev_hash = prev, hash = audit_entry_hash(prev, e) where tenant_id = e.tenant_id and id = e.id;
          end loop;
          update audit_heads h set hash = a.hash from audit_events a
            where h.tenant_id = '${hospital.id}' and a.tenant_id = h.tenant_id and a.seq = h.seq;
        end $$`),
    );
    expect(await verifyAuditChain(hospital.id)).toEqual({ ok: true, entries: 8, unchained: 0 });
    const { verified } = await verifyAuditChains({ slugs: [hospital.slug] });
    expect(verified[0]!.anchor).toMatchObject({ status: "mismatch", seq: 8 });
    expect(formatVerification(verified[0]!)).toMatch(/ANCHOR MISMATCH: entry seq 8 no longer hashes to the anchor/);
  });

  it("an anchor file altered after signing is reported as invalid, never trusted", async () => {
    const { hospital } = await hospitalWithHistory();
    const { file } = await anchorAuditChains(new Date(Date.now() + 60_000));
    const anchor = JSON.parse(readFileSync(file, "utf8")) as { heads: { tenantId: string; hash: string }[] };
    for (const head of anchor.heads) head.hash = "00".repeat(32);
    chmodSync(file, 0o644);
    writeFileSync(file, JSON.stringify(anchor));
    const { verified } = await verifyAuditChains({ slugs: [hospital.slug] });
    expect(verified[0]!.anchor).toMatchObject({ status: "invalid-anchor" });
  });
});

// Postgres searches pg_temp first unless a function names it: a temporary table could shadow the tables
// the audit triggers write. Two layers close this: migration 0003 pins `search_path = pg_catalog,
// public, pg_temp` on every trigger function, and db/roles.sql revokes TEMPORARY from PUBLIC.
describe("the app role cannot route around the audit log with temporary tables", () => {
  const shadow = async (t: { db: Transaction }, statement: SQL) => {
    try {
      await t.db.transaction((savepoint) => savepoint.execute(statement));
    } catch {
      // Refused outright (no TEMP privilege) is just as good: then there is nothing to shadow with.
    }
  };

  it("a patient write is audited even if the app role shadows audit_events with a temp table", async () => {
    const hospital = await createTestHospital(undefined, NO_ROLES);
    const actor: Actor = { kind: "system", userId: null, address: "shadow-test" };
    const patientId = await withTenant(hospital.id, actor, async (t) => {
      await shadow(
        t,
        sql`create temp table audit_events (tenant_id uuid, id uuid, seq bigint, at timestamptz, actor_id uuid, actor_kind text,
              action text, entity_type text, entity_id text, patient_id uuid, address text, details jsonb, prev_hash bytea, hash bytea)
            on commit drop`,
      );
      await shadow(t, sql`discard plans`);
      const [row] = await t.db
        .insert(patients)
        .values({ tenantId: t.tenantId, mrn: `SH-${randomUUID().slice(0, 8)}`, fullName: "Bóng Ma", birthDate: "1999-09-09", sex: "male" })
        .returning({ id: patients.id });
      return row!.id;
    });
    const audited = await withTenant(hospital.id, actor, (t) => t.db.select().from(auditEvents).where(eq(auditEvents.patientId, patientId)));
    expect(audited).toHaveLength(1);
  });

  it("the app role cannot forge a chain link by shadowing audit_heads with a temp table", async () => {
    const hospital = await createTestHospital(undefined, NO_ROLES);
    const actor: Actor = { kind: "system", userId: null, address: "shadow-test" };
    await withTenant(hospital.id, actor, async (t) => {
      await shadow(t, sql`create temp table audit_heads (tenant_id uuid, id text, seq bigint, hash bytea) on commit drop`);
      await shadow(t, sql`grant all on pg_temp.audit_heads to public`);
      await shadow(t, sql`insert into pg_temp.audit_heads values (${hospital.id}, 'chain', 1000, decode(repeat('ab', 32), 'hex'))`);
      // The trigger's cached plans were made before the shadow existed; an attacker can simply drop them.
      await shadow(t, sql`discard plans`);
      t.audit({ action: "patient.read" });
    });
    await chainTenantBacklog(hospital.id);
    expect(await verifyAuditChain(hospital.id)).toEqual({ ok: true, entries: 3, unchained: 0 });
  });
});
