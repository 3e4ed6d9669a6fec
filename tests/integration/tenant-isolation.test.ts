// Two hospitals, A and B, and every way A might reach B's rows through the real pool as emr_app: by id,
// by search, by update, by insert, through a foreign key, and with no tenant at all. Tenant tables are
// discovered from the catalog so that a new table joins these checks by itself.
import { randomUUID } from "node:crypto";
import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getAppConnection, type Transaction } from "~db/client.server";
import { auditEvents, auditHeads, departments, hospitalRoles, memberships, patients } from "~db/schema";
import { type Actor, rowsOf, systemActor, withPlatform, withTenant } from "~db/scope.server";
import { adminRows, withAdmin } from "../support/admin";
import { createTestHospital, createTestStaff } from "../support/factories";
import { expectPgError, PG, pgErrorCode } from "../support/pg-error";
import { tenantTableNames } from "../support/tenant-catalog";

type Side = { id: string; departmentId: string; patientId: string; patientName: string; staffId: string };

const actor: Actor = systemActor("isolation-test");
let A: Side;
let B: Side;
let tenantTables: string[];

async function makeSide(label: string): Promise<Side> {
  const hospital = await createTestHospital(`Bệnh viện ${label}`);
  const staff = await createTestStaff(hospital.id);
  const marker = randomUUID().slice(0, 8);
  // A name only this hospital has, so a search that finds it elsewhere is a leak, not a coincidence.
  const patientName = `Trần Thị Bí Mật ${label} ${marker}`;
  return withTenant(hospital.id, actor, async (t) => {
    const [department] = await t.db.select({ id: departments.id }).from(departments).where(eq(departments.tenantId, t.tenantId));
    const [patient] = await t.db
      .insert(patients)
      .values({ tenantId: t.tenantId, mrn: `MRN-${marker}`, fullName: patientName, birthDate: "1975-04-30", sex: "female", departmentId: department!.id })
      .returning({ id: patients.id });
    t.audit({ action: "patient.read", patientId: patient!.id });
    return { id: hospital.id, departmentId: department!.id, patientId: patient!.id, patientName, staffId: staff.id };
  });
}

/** A transaction on the application's pool that never calls set_config: no tenant, no actor. */
async function withoutTenant<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const { db } = await getAppConnection();
  return db.transaction(fn);
}

const count = async (tx: Transaction, table: string, where = sql`true`) => {
  const [row] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`));
  return Number(row!.n);
};

beforeAll(async () => {
  A = await makeSide("A");
  B = await makeSide("B");
  tenantTables = await withAdmin(({ db }) => tenantTableNames(db));
});

describe("with no tenant set (raw transaction on the pool as emr_app, no set_config)", () => {
  it("the connection really is emr_app and has no tenant", async () => {
    const [row] = await withoutTenant(async (tx) =>
      rowsOf<{ role: string; tenant: string | null }>(
        await tx.execute(sql`select current_user::text as role, current_setting('app.tenant_id', true) as tenant`),
      ),
    );
    expect(row!.role).toBe("emr_app");
    expect(row!.tenant ?? "").toBe("");
  });

  it("every tenant table returns zero rows (or refuses the read outright)", async () => {
    const readable: string[] = [];
    for (const table of tenantTables) {
      try {
        expect(await withoutTenant((tx) => count(tx, table)), table).toBe(0);
        readable.push(table);
      } catch (error) {
        expect(pgErrorCode(error), `${table}: ${String(error)}`).toBe(PG.insufficientPrivilege);
      }
    }
    expect(readable).toEqual(expect.arrayContaining(["patients", "departments", "memberships", "audit_events"]));
    // Not vacuous: the same tables do hold both hospitals' rows.
    for (const table of ["patients", "departments", "memberships", "audit_events"]) {
      const [row] = await adminRows<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id in (${A.id}, ${B.id})`,
      );
      expect(Number(row!.n), table).toBeGreaterThanOrEqual(2);
    }
  });

  it("every insert into a tenant table is rejected", async () => {
    for (const table of tenantTables) {
      await expectPgError(
        withoutTenant((tx) => tx.execute(sql`insert into ${sql.identifier(table)} (tenant_id) values (${A.id})`)),
        PG.insufficientPrivilege,
      );
    }
    await expectPgError(
      withoutTenant((tx) =>
        tx.insert(patients).values({ tenantId: A.id, mrn: `NT-${randomUUID()}`, fullName: "Không Có Viện", birthDate: "2000-01-01", sex: "male" }),
      ),
      PG.insufficientPrivilege,
    );
  });
});

describe("tenant A against tenant B", () => {
  it("tenant A cannot read tenant B's patient by id, even naming B's tenant_id", async () => {
    const rows = await withTenant(A.id, actor, async (t) => [
      ...(await t.db.select().from(patients).where(eq(patients.id, B.patientId))),
      ...(await t.db.select().from(patients).where(and(eq(patients.tenantId, B.id), eq(patients.id, B.patientId)))),
    ]);
    expect(rows).toEqual([]);
    const own = await withTenant(B.id, actor, (t) => t.db.select().from(patients).where(eq(patients.id, B.patientId)));
    expect(own).toHaveLength(1);
  });

  it("tenant A cannot find tenant B's patient by name search", async () => {
    const pattern = `%${B.patientName.split(" ").slice(-1)[0]}%`;
    const search = (tenantId: string) =>
      withTenant(tenantId, actor, (t) => t.db.select({ id: patients.id }).from(patients).where(like(patients.searchName, pattern)));
    expect(await search(A.id)).toEqual([]);
    expect(await search(B.id)).toEqual([{ id: B.patientId }]);
  });

  it("tenant A updating tenant B's patient changes 0 rows and B's row stays as it was", async () => {
    const updated = await withTenant(A.id, actor, (t) =>
      t.db.update(patients).set({ fullName: "Đã Bị Sửa" }).where(eq(patients.id, B.patientId)).returning({ id: patients.id }),
    );
    expect(updated).toEqual([]);
    const [row] = await withTenant(B.id, actor, (t) => t.db.select({ fullName: patients.fullName }).from(patients).where(eq(patients.id, B.patientId)));
    expect(row!.fullName).toBe(B.patientName);
  });

  it("tenant A cannot insert a patient with tenant_id = B (row-level security WITH CHECK)", async () => {
    const message = await expectPgError(
      withTenant(A.id, actor, (t) =>
        t.db.insert(patients).values({ tenantId: B.id, mrn: `X-${randomUUID()}`, fullName: "Người Lạ", birthDate: "1990-01-01", sex: "male" }),
      ),
      PG.insufficientPrivilege,
    );
    expect(message).toMatch(/row-level security/);
  });

  it("tenant A cannot insert a row with tenant_id = B into any tenant table", async () => {
    for (const table of tenantTables) {
      await expectPgError(
        withTenant(A.id, actor, (t) => t.db.execute(sql`insert into ${sql.identifier(table)} (tenant_id) values (${B.id})`)),
        PG.insufficientPrivilege,
      );
    }
  });

  it("tenant A cannot move its own patient into tenant B", async () => {
    await expectPgError(
      withTenant(A.id, actor, (t) => t.db.update(patients).set({ tenantId: B.id }).where(eq(patients.id, A.patientId))),
      PG.insufficientPrivilege,
    );
  });

  it("tenant A cannot point its patient at tenant B's department (composite foreign key)", async () => {
    await expectPgError(
      withTenant(A.id, actor, (t) =>
        t.db.insert(patients).values({
          tenantId: A.id,
          mrn: `FK-${randomUUID()}`,
          fullName: "Khoa Người Khác",
          birthDate: "1990-01-01",
          sex: "male",
          departmentId: B.departmentId,
        }),
      ),
      PG.foreignKeyViolation,
    );
    await expectPgError(
      withTenant(A.id, actor, (t) => t.db.update(patients).set({ departmentId: B.departmentId }).where(eq(patients.id, A.patientId))),
      PG.foreignKeyViolation,
    );
  });

  it("tenant A cannot read tenant B's audit entries", async () => {
    const seen = await withTenant(A.id, actor, (t) => t.db.select().from(auditEvents).where(eq(auditEvents.tenantId, B.id)));
    expect(seen).toEqual([]);
    const own = await withTenant(B.id, actor, (t) => t.db.select().from(auditEvents).where(eq(auditEvents.patientId, B.patientId)));
    expect(own.length).toBeGreaterThan(0);
  });

  it("tenant A sees no row of tenant B in any tenant table", async () => {
    for (const table of tenantTables) {
      try {
        const leaked = await withTenant(A.id, actor, (t) => count(t.db, table, sql`tenant_id <> ${A.id}`));
        expect(leaked, table).toBe(0);
      } catch (error) {
        expect(pgErrorCode(error), `${table}: ${String(error)}`).toBe(PG.insufficientPrivilege);
      }
    }
  });
});

describe("the audit log, as the application role", () => {
  it("the app role cannot UPDATE, DELETE or TRUNCATE audit_events (permission denied)", async () => {
    const attempts = [
      sql`update audit_events set action = 'forged'`,
      sql`delete from audit_events`,
      sql`truncate audit_events`,
    ];
    for (const attempt of attempts) {
      await expectPgError(withTenant(A.id, actor, (t) => t.db.execute(attempt)), PG.insufficientPrivilege);
    }
  });

  it("the app role cannot read, write or truncate audit_heads", async () => {
    await expectPgError(withTenant(A.id, actor, (t) => t.db.select().from(auditHeads)), PG.insufficientPrivilege);
    const attempts = [
      sql`insert into audit_heads (tenant_id, id, seq, hash) values (${A.id}, 'other', 0, '\\x00'::bytea)`,
      sql`update audit_heads set seq = 0`,
      sql`delete from audit_heads`,
      sql`truncate audit_heads`,
    ];
    for (const attempt of attempts) {
      await expectPgError(withTenant(A.id, actor, (t) => t.db.execute(attempt)), PG.insufficientPrivilege);
    }
  });
});

describe("the platform scope (withPlatform, role emr_platform)", () => {
  it("the platform scope cannot select or insert patients", async () => {
    await expectPgError(withPlatform("isolation test", (p) => p.db.select().from(patients)), PG.insufficientPrivilege);
    await expectPgError(
      withPlatform("isolation test", (p) =>
        p.db.insert(patients).values({ tenantId: A.id, mrn: `P-${randomUUID()}`, fullName: "Nền Tảng", birthDate: "1990-01-01", sex: "male" }),
      ),
      PG.insufficientPrivilege,
    );
  });

  it("the platform scope cannot read any tenant table but memberships and the hospitals' roles", async () => {
    // hospital_roles: the membership lookup resolves permissions through it (decision 038).
    const others = tenantTables.filter((t) => t !== "memberships" && t !== "hospital_roles");
    expect(others).toEqual(expect.arrayContaining(["patients", "departments", "audit_events"]));
    for (const table of others) {
      await expectPgError(
        withPlatform("isolation test", (p) => p.db.execute(sql`select * from ${sql.identifier(table)} limit 1`)),
        PG.insufficientPrivilege,
      );
    }
    await expectPgError(
      withPlatform("isolation test", (p) => p.db.insert(departments).values({ tenantId: A.id, code: "X", name: "X" })),
      PG.insufficientPrivilege,
    );
  });

  it("the platform scope reads memberships of every hospital (to list a person's hospitals) but cannot write them", async () => {
    const rows = await withPlatform("isolation test", (p) =>
      p.db.select({ tenantId: memberships.tenantId, userId: memberships.userId }).from(memberships),
    );
    expect(rows).toContainEqual({ tenantId: A.id, userId: A.staffId });
    expect(rows).toContainEqual({ tenantId: B.id, userId: B.staffId });
    await expectPgError(
      withPlatform("isolation test", (p) => p.db.insert(memberships).values({ tenantId: A.id, userId: B.staffId, roles: ["admin"] })),
      PG.insufficientPrivilege,
    );
    await expectPgError(
      withPlatform("isolation test", (p) => p.db.update(memberships).set({ roles: ["admin"] }).where(eq(memberships.userId, A.staffId))),
      PG.insufficientPrivilege,
    );
  });

  it("the platform scope reads the hospitals' roles (to resolve a member's permissions) but cannot write them", async () => {
    const rows = await withPlatform("isolation test", (p) => p.db.select({ tenantId: hospitalRoles.tenantId, code: hospitalRoles.code }).from(hospitalRoles));
    expect(rows).toContainEqual({ tenantId: A.id, code: "admin" });
    expect(rows).toContainEqual({ tenantId: B.id, code: "admin" });
    await expectPgError(
      withPlatform("isolation test", (p) => p.db.insert(hospitalRoles).values({ tenantId: A.id, code: "x", nameVi: "X", nameEn: "X" })),
      PG.insufficientPrivilege,
    );
    await expectPgError(
      withPlatform("isolation test", (p) => p.db.update(hospitalRoles).set({ permissions: ["staff:manage"] }).where(eq(hospitalRoles.tenantId, A.id))),
      PG.insufficientPrivilege,
    );
  });

  it("the platform role is gone when the platform transaction ends", async () => {
    await withPlatform("isolation test", async () => undefined);
    const [row] = await withoutTenant(async (tx) => rowsOf<{ role: string }>(await tx.execute(sql`select current_user::text as role`)));
    expect(row!.role).toBe("emr_app");
  });
});
