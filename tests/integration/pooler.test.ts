// Nothing answered "done" may be lost, however the connections reach Postgres. CI runs this file with the
// application's connections going through PgBouncer in transaction mode (.ci/run), where a statement the
// driver prepared on one server connection is missing on the next: a COMMIT that fails that way is
// retried by the driver inside an aborted transaction, which Postgres answers with ROLLBACK and no error.
// So these tests do not stop at "no error": they count, as the administrator on a direct connection,
// the rows that were committed.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseEngine } from "~db/client.server";
import { auditEvents, patients, sessions } from "~db/schema";
import { systemActor, withTenant } from "~db/scope.server";
import { createUserSession, invalidateSessionToken, validateSessionToken } from "~/auth/session.server";
import { PATIENT_AUDIT_ACTIONS } from "~/patients/patient";
import { getPatient } from "~/patients/get-patient.server";
import { updatePatient } from "~/patients/update-patient.server";
import { adminRows } from "../support/admin";
import { runConcurrently } from "../support/concurrency";
import { createTestHospital, createTestPatient, createTestStaff } from "../support/factories";

/**
 * Enough work, from enough callers at once, that transactions land on many pooled connections. PGlite
 * has one session and no pooler, so fewer rounds there only check that nothing is lost either.
 */
const ROUNDS = databaseEngine() === "postgres" ? 60 : 20;
const CALLERS = 12;

let tenantId: string;
let patientIds: string[] = [];

beforeAll(async () => {
  tenantId = (await createTestHospital()).id;
  patientIds = [];
  await runConcurrently(ROUNDS, CALLERS, async () => {
    patientIds.push((await createTestPatient(tenantId, { fullName: "Trần Thị Bể" })).id);
  });
}, 120_000);

describe(`${ROUNDS} transactions from ${CALLERS} callers at once: what was answered as done is in the database`, () => {
  it("every patient registered is there", async () => {
    const rows = await adminRows<{ n: number }>(
      sql`select count(*)::int as n from ${patients} where ${patients.tenantId} = ${tenantId}`,
    );
    expect(rows[0]!.n).toBe(ROUNDS);
  });

  it("every audited chart read wrote its audit row", async () => {
    const actor = { kind: "user" as const, userId: randomUUID(), address: "pooler-test" };
    let found = 0;
    await runConcurrently(ROUNDS, CALLERS, async (i) => {
      const patient = await withTenant(tenantId, actor, (t) => getPatient(t, patientIds[i]!));
      if (patient) found++;
    });
    expect(found).toBe(ROUNDS);
    const rows = await adminRows<{ n: number }>(sql`
      select count(*)::int as n from ${auditEvents}
      where ${and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.actorId, actor.userId), eq(auditEvents.action, PATIENT_AUDIT_ACTIONS.read))}`);
    expect(rows[0]!.n).toBe(ROUNDS);
  });

  it("every edit answered as saved is persisted", async () => {
    const saved: string[] = [];
    await runConcurrently(ROUNDS, CALLERS, async (i) => {
      const updated = await withTenant(tenantId, systemActor("pooler-test"), (t) =>
        updatePatient(t, patientIds[i]!, 1, { fullName: `Đã Sửa ${i}`, birthDate: "1980-03-05", sex: "female", phone: null }),
      );
      if (updated) saved.push(updated.id);
    });
    expect(saved).toHaveLength(ROUNDS);
    const rows = await adminRows<{ id: string; full_name: string; version: number }>(sql`
      select id, full_name, version from ${patients}
      where ${and(eq(patients.tenantId, tenantId), inArray(patients.id, patientIds))}`);
    const persisted = rows.filter((r) => r.full_name.startsWith("Đã Sửa ") && r.version === 2);
    expect(persisted).toHaveLength(ROUNDS);
  });

  it("every sign-in started a session, and every sign-out ended it", async () => {
    const user = await createTestStaff(tenantId);
    const tokens: string[] = [];
    await runConcurrently(ROUNDS, CALLERS, async () => {
      tokens.push((await createUserSession(user.id)).token);
    });
    const countSessions = async () =>
      (await adminRows<{ n: number }>(sql`select count(*)::int as n from ${sessions} where ${eq(sessions.userId, user.id)}`))[0]!.n;
    expect(await countSessions()).toBe(ROUNDS);

    await runConcurrently(ROUNDS, CALLERS, async (i) => {
      await invalidateSessionToken(tokens[i]!);
    });
    expect(await countSessions()).toBe(0);
    const stillValid = (await Promise.all(tokens.map((token) => validateSessionToken(token)))).filter(Boolean);
    expect(stillValid).toEqual([]);
  });
});
