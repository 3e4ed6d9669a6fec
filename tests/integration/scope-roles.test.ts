// The two cross-tenant scopes hold disjoint powers (decision 020). The platform scope (the support
// console to come) may not read what proves who a person is; the identity scope (sign-in) may not read
// or write the tenant registry or anything of a hospital's. Each side first shows that the rows exist
// and that the other scope reaches them, so that no refusal here passes vacuously.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, sessions, signInAttempts, tenants, userCredentials, users } from "~db/schema";
import { rowsOf, withIdentity, withPlatform } from "~db/scope.server";
import { createUserSession } from "~/auth/session.server";
import { signIn } from "~/auth/sign-in.server";
import { withAdmin } from "../support/admin";
import { createTestHospital, createTestStaff, TEST_PASSWORD } from "../support/factories";
import { expectPgError, PG } from "../support/pg-error";
import { tenantTableNames } from "../support/tenant-catalog";

let hospital: { id: string; slug: string };
let staff: { id: string; email: string };
let tenantTables: string[];

beforeAll(async () => {
  hospital = await createTestHospital();
  staff = await createTestStaff(hospital.id);
  // A failed and a successful sign-in, and a session: every identity table holds a row of this person.
  await signIn({ email: staff.email, password: "wrong", address: "10.9.9.9", presentedToken: null });
  await createUserSession(staff.id);
  tenantTables = await withAdmin(({ db }) => tenantTableNames(db));
});

describe("the identity scope (withIdentity, role emr_identity) reaches what sign-in needs", () => {
  it("reads the person's password hash, sessions and sign-in attempts", async () => {
    const found = await withIdentity("test: identity reads", async (i) => ({
      credentials: await i.db.select().from(userCredentials).where(eq(userCredentials.userId, staff.id)),
      sessions: await i.db.select().from(sessions).where(eq(sessions.userId, staff.id)),
      attempts: await i.db.select().from(signInAttempts).where(eq(signInAttempts.address, "10.9.9.9")),
    }));
    expect(found.credentials[0]?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(found.sessions.length).toBeGreaterThan(0);
    expect(found.attempts.length).toBeGreaterThan(0);
  });

  it("runs as emr_identity, and the role ends with the transaction", async () => {
    const [inside] = await withIdentity("test: role", async (i) => rowsOf<{ role: string }>(await i.db.execute(sql`select current_user::text as role`)));
    expect(inside!.role).toBe("emr_identity");
    const [after] = await withPlatform("test: role", async (p) => rowsOf<{ role: string }>(await p.db.execute(sql`select current_user::text as role`)));
    expect(after!.role).toBe("emr_platform");
  });
});

describe("the platform scope (withPlatform, role emr_platform) cannot do what the identity scope may", () => {
  it("reads the registry and who a person is (the rows the next tests are refused next to exist)", async () => {
    const found = await withPlatform("test: platform reads", async (p) => ({
      tenant: await p.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, hospital.id)),
      user: await p.db.select({ email: users.email }).from(users).where(eq(users.id, staff.id)),
    }));
    expect(found.tenant).toHaveLength(1);
    expect(found.user).toEqual([{ email: staff.email }]);
  });

  it("cannot read a password hash, a session or a sign-in attempt", async () => {
    await expectPgError(withPlatform("test", (p) => p.db.select().from(userCredentials)), PG.insufficientPrivilege);
    await expectPgError(withPlatform("test", (p) => p.db.select().from(sessions)), PG.insufficientPrivilege);
    await expectPgError(withPlatform("test", (p) => p.db.select().from(signInAttempts)), PG.insufficientPrivilege);
  });

  it("cannot create or change an identity, a credential, a session or a sign-in attempt", async () => {
    await expectPgError(
      withPlatform("test", (p) => p.db.insert(users).values({ email: "console@example.test", displayName: "Console" })),
      PG.insufficientPrivilege,
    );
    await expectPgError(withPlatform("test", (p) => p.db.update(users).set({ locale: "en" }).where(eq(users.id, staff.id))), PG.insufficientPrivilege);
    await expectPgError(
      withPlatform("test", (p) => p.db.update(userCredentials).set({ passwordHash: "forged" }).where(eq(userCredentials.userId, staff.id))),
      PG.insufficientPrivilege,
    );
    await expectPgError(
      withPlatform("test", (p) =>
        p.db.insert(sessions).values({ id: "f".repeat(64), userId: staff.id, expiresAt: new Date(), absoluteExpiresAt: new Date() }),
      ),
      PG.insufficientPrivilege,
    );
    await expectPgError(withPlatform("test", (p) => p.db.delete(signInAttempts)), PG.insufficientPrivilege);
  });
});

describe("the identity scope cannot do what the platform scope may", () => {
  it("cannot read or write the tenant registry", async () => {
    await expectPgError(withIdentity("test", (i) => i.db.select().from(tenants)), PG.insufficientPrivilege);
    await expectPgError(withIdentity("test", (i) => i.db.insert(tenants).values({ slug: "khong-duoc", name: "Không được" })), PG.insufficientPrivilege);
    await expectPgError(
      withIdentity("test", (i) => i.db.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, hospital.id))),
      PG.insufficientPrivilege,
    );
  });

  it("cannot read memberships (which the platform scope reads) or any other tenant table", async () => {
    const visible = await withPlatform("test", (p) => p.db.select().from(memberships).where(eq(memberships.userId, staff.id)));
    expect(visible).toHaveLength(1);
    expect(tenantTables).toEqual(expect.arrayContaining(["memberships", "patients", "audit_events"]));
    for (const table of tenantTables) {
      await expectPgError(
        withIdentity("test", (i) => i.db.execute(sql`select * from ${sql.identifier(table)} limit 1`)),
        PG.insufficientPrivilege,
      );
      await expectPgError(
        withIdentity("test", (i) => i.db.execute(sql`insert into ${sql.identifier(table)} (tenant_id) values (${hospital.id})`)),
        PG.insufficientPrivilege,
      );
    }
  });

  it("sign-in still works end to end through the identity scope", async () => {
    const result = await signIn({ email: staff.email, password: TEST_PASSWORD, address: "10.9.9.8", presentedToken: null });
    expect(result).toMatchObject({ ok: true, userId: staff.id });
  });
});
