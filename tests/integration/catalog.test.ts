// The tenant boundary read from the real catalog (docs/architecture.md §2 "checked by machine"). The rules live in
// tests/support/tenant-catalog.ts; here they run on the migrated schema, and on deliberately broken
// objects created in a rolled-back administrator transaction, so that every rule is shown to fire.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseEngine, getAppConnection } from "~db/client.server";
import { rowsOf, systemActor, withTenant } from "~db/scope.server";
import { withAdmin, withAdminRollback } from "../support/admin";
import { createTestHospital } from "../support/factories";
import {
  type CatalogRules,
  checkTenantCatalog,
  isTenantClause,
  PROJECT_RULES,
  tenantTableNames,
  type Violation,
} from "../support/tenant-catalog";

let rules: CatalogRules;
let poolRole: { current_user: string; session_user: string };

beforeAll(async () => {
  const hospital = await createTestHospital();
  // The role as the application really runs: through withTenant, on the pool.
  const [row] = await withTenant(hospital.id, systemActor("catalog-test"), async (t) =>
    rowsOf<{ current_user: string; session_user: string }>(
      await t.db.execute(sql`select current_user::text as current_user, session_user::text as session_user`),
    ),
  );
  poolRole = row!;
  rules = { ...PROJECT_RULES, appRoles: ["emr_app", poolRole.current_user] };
});

describe("the application's database role", () => {
  it("is emr_app inside withTenant and on a raw pooled connection", async () => {
    expect(poolRole.current_user).toBe("emr_app");
    const { db } = await getAppConnection();
    const [raw] = rowsOf<{ role: string }>(await db.execute(sql`select current_user::text as role`));
    expect(raw!.role).toBe("emr_app");
  });

  it.runIf(databaseEngine() === "postgres")("logs in as emr_app itself on Postgres (no superuser session behind a SET ROLE)", () => {
    expect(poolRole.session_user).toBe("emr_app");
  });

  it.runIf(databaseEngine() === "pglite")(
    "on PGlite runs as emr_app by SET ROLE over a superuser session (decision 002: demo only, RESET ROLE would escape RLS)",
    () => {
      expect(poolRole.session_user).not.toBe("emr_app");
      expect(poolRole.current_user).toBe("emr_app");
    },
  );
});

describe("the tenant boundary in the catalog", () => {
  it("discovers the tenant tables from the catalog, not from a list", async () => {
    const names = await withAdmin(({ db }) => tenantTableNames(db));
    expect(names).toEqual(
      expect.arrayContaining(["audit_events", "audit_heads", "departments", "memberships", "patients", "tenant_counters", "hospital_profiles", "invitations"]),
    );
    expect(names).not.toContain("tenants");
    expect(names).not.toContain("users");
    expect(names).not.toContain("outbox");
  });

  it("finds no violation on the migrated schema", async () => {
    const violations = await withAdmin(({ db }) => checkTenantCatalog(db, rules));
    expect(violations).toEqual([]);
  });
});

describe("the tenant clause matcher", () => {
  const canonical = `(tenant_id = ( SELECT app_tenant_id() AS app_tenant_id))`;
  it("accepts the fail-closed comparison as Postgres deparses it", () => {
    expect(isTenantClause(canonical)).toBe(true);
    expect(isTenantClause(`(tenant_id = app_tenant_id())`)).toBe(true);
  });
  it("rejects a widened, erroring or missing clause", () => {
    expect(isTenantClause(`(${canonical} OR true)`)).toBe(false);
    expect(isTenantClause(`(tenant_id = (current_setting('app.tenant_id'::text))::uuid)`)).toBe(false);
    // The setting itself, without app_tenant_id(): a support transaction would pass without a grant (decision 059).
    expect(isTenantClause(`(tenant_id = ( SELECT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid AS "nullif"))`)).toBe(false);
    expect(isTenantClause("true")).toBe(false);
    expect(isTenantClause(null)).toBe(false);
  });
});

// Each case breaks the schema one way inside an administrator transaction that is rolled back.
describe("the catalog checker on a deliberately broken schema", () => {
  const check = (statements: string[]) =>
    withAdminRollback(async ({ db }) => {
      for (const statement of statements) await db.execute(sql.raw(statement));
      return checkTenantCatalog(db, rules);
    });
  const fired = (violations: Violation[], rule: string, object: string) =>
    expect(violations, `${rule} on ${object}`).toContainEqual(expect.objectContaining({ rule, object }));

  // What the kit produces: tenantTable() in drizzle (columns, key, policy), then protect_tenant_table().
  const goodTable = (name: string, columns = "code text") => [
    `create table ${name} (tenant_id uuid not null references tenants(id), id uuid not null, ${columns}, primary key (tenant_id, id))`,
    `alter table ${name} enable row level security`,
    `create policy ${name}_tenant_isolation on ${name} for all to public
       using (tenant_id = (select app_tenant_id()))
       with check (tenant_id = (select app_tenant_id()))`,
    `select protect_tenant_table('${name}')`,
  ];
  const only = (violations: Violation[], prefix: string) => violations.filter((v) => v.object.startsWith(prefix));

  it("accepts a correctly shaped new tenant table, protected twice (the function is idempotent)", async () => {
    const violations = await check([...goodTable("good_t", "code text, updated_at timestamptz not null default now()"), "select protect_tenant_table('good_t')"]);
    expect(only(violations, "good_t")).toEqual([]);
  });

  it("protect_tenant_table refuses a table without tenant_id", async () => {
    await expect(check(["create table global_t (id uuid primary key)", "select protect_tenant_table('global_t')"])).rejects.toThrow();
  });

  it("reports a tenant table the application writes without the write-audit trigger (missing, disabled, BEFORE, INSERT only, some columns, conditional)", async () => {
    const violations = await check([
      ...goodTable("unaudited_t"),
      "drop trigger unaudited_t_audit on unaudited_t",
      ...goodTable("disabled_t"),
      "alter table disabled_t disable trigger disabled_t_audit",
      ...goodTable("before_t"),
      "create or replace trigger before_t_audit before insert or update on before_t for each row execute function audit_row_change()",
      ...goodTable("insert_only_t"),
      "create or replace trigger insert_only_t_audit after insert on insert_only_t for each row execute function audit_row_change()",
      ...goodTable("some_columns_t"),
      "create or replace trigger some_columns_t_audit after insert or update of code on some_columns_t for each row execute function audit_row_change()",
      ...goodTable("conditional_t"),
      "create or replace trigger conditional_t_audit after insert or update on conditional_t for each row when (new.code is null) execute function audit_row_change()",
    ]);
    for (const table of ["unaudited_t", "disabled_t", "before_t", "insert_only_t", "some_columns_t", "conditional_t"]) {
      expect(only(violations, table)).toEqual([expect.objectContaining({ rule: "audit-trigger", object: table })]);
    }
  });

  it("excepts a table the application cannot UPDATE (the audit log's own shape) from the write-audit rule", async () => {
    const violations = await check([
      ...goodTable("log_t"),
      "drop trigger log_t_audit on log_t",
      "revoke update on log_t from emr_app",
    ]);
    expect(only(violations, "log_t")).toEqual([]);
  });

  it("reports a tenant table with updated_at but no trigger keeping it current", async () => {
    const violations = await check([
      ...goodTable("stale_t", "code text, updated_at timestamptz not null default now()"),
      "drop trigger stale_t_touch on stale_t",
    ]);
    expect(only(violations, "stale_t")).toEqual([expect.objectContaining({ rule: "updated-at-trigger", object: "stale_t" })]);
  });

  it("reports what would stop distribution by tenant_id: a global table pointing into a tenant table, an exclusion without tenant_id", async () => {
    const violations = await check([
      "create table global_ref_t (id uuid primary key, hospital_id uuid, patient_id uuid, foreign key (hospital_id, patient_id) references patients (tenant_id, id))",
      ...goodTable("excluded_t"),
      "alter table excluded_t add constraint excluded_t_code_excl exclude using btree (code with =)",
      ...goodTable("excluded_ok"),
      "alter table excluded_ok add constraint excluded_ok_code_excl exclude using btree (tenant_id with =, code with =)",
    ]);
    expect(violations).toContainEqual(expect.objectContaining({ rule: "distribution", object: expect.stringMatching(/^global_ref_t\./) }));
    fired(violations, "distribution", "excluded_t.excluded_t_code_excl");
    expect(only(violations, "excluded_ok")).toEqual([]);
  });

  it("reports a tenant table without RLS, FORCE, policy, not-null tenant_id or tenant-leading key", async () => {
    const violations = await check(["create table bad_t (tenant_id uuid, id uuid)"]);
    for (const rule of ["rls-enabled", "rls-forced", "tenant-policy", "tenant-id-column", "primary-key"]) fired(violations, rule, "bad_t");
  });

  it("reports RLS enabled but not forced", async () => {
    const violations = await check([...goodTable("unforced_t"), "alter table unforced_t no force row level security"]);
    expect(violations.filter((v) => v.object.startsWith("unforced_t"))).toEqual([
      expect.objectContaining({ rule: "rls-forced", object: "unforced_t" }),
    ]);
  });

  it("reports a permissive policy that gives emr_app rows without the tenant clause", async () => {
    const violations = await check([...goodTable("leaky_t"), "create policy leaky_all on leaky_t for select to emr_app using (true)"]);
    fired(violations, "policy-without-tenant-clause", "leaky_t.leaky_all");
  });

  it("reports an isolation policy widened with OR, or missing its WITH CHECK", async () => {
    const violations = await check([
      ...goodTable("widened_t"),
      `alter policy widened_t_tenant_isolation on widened_t
         using (tenant_id = (select app_tenant_id()) or true)`,
      "create table nocheck_t (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id))",
      "alter table nocheck_t enable row level security",
      "alter table nocheck_t force row level security",
      `create policy nocheck_p on nocheck_t for all using (tenant_id = (select app_tenant_id()))`,
    ]);
    fired(violations, "tenant-policy", "widened_t");
    fired(violations, "policy-without-tenant-clause", "widened_t.widened_t_tenant_isolation");
    fired(violations, "tenant-policy", "nocheck_t");
  });

  it("reports a platform read-all policy on any tenant table other than memberships", async () => {
    const violations = await check([...goodTable("platform_t"), "create policy platform_t_read on platform_t for select to emr_platform using (true)"]);
    fired(violations, "policy-without-tenant-clause", "platform_t.platform_t_read");
    expect(violations.some((v) => v.object.startsWith("memberships"))).toBe(false);
  });

  it("reports keys not scoped by tenant: primary key, unique and a foreign key into another tenant table", async () => {
    const violations = await check([
      ...goodTable("parent_t"),
      "alter table parent_t add constraint parent_t_code_key unique (code)",
      "create unique index parent_t_id_idx on parent_t (id)",
      "create table child_t (tenant_id uuid not null, id uuid not null, parent_id uuid references parent_t (id), primary key (id, tenant_id))",
    ]);
    fired(violations, "unique", "parent_t.parent_t_code_key");
    fired(violations, "unique", "parent_t.parent_t_id_idx");
    fired(violations, "primary-key", "child_t");
    expect(violations).toContainEqual(expect.objectContaining({ rule: "foreign-key", object: expect.stringMatching(/^child_t\./) }));
  });

  it("accepts a composite foreign key that carries tenant_id", async () => {
    const violations = await check([
      ...goodTable("parent_ok"),
      ...goodTable("child_ok"),
      "alter table child_ok add column parent_id uuid",
      "alter table child_ok add foreign key (tenant_id, parent_id) references parent_ok (tenant_id, id)",
    ]);
    expect(violations.filter((v) => /^(parent_ok|child_ok)/.test(v.object))).toEqual([]);
  });

  it("reports a view without security_invoker and accepts one with it", async () => {
    const violations = await check([
      "create view bad_v as select id from patients",
      "create view good_v with (security_invoker = true) as select id from patients",
    ]);
    fired(violations, "view-security-invoker", "bad_v");
    expect(violations.some((v) => v.object === "good_v")).toBe(false);
  });

  it("reports a materialized view the application can read", async () => {
    const violations = await check(["create materialized view bad_mv as select id from patients", "grant select on bad_mv to emr_app"]);
    fired(violations, "materialized-view", "bad_mv");
  });

  it("reports an application role that owns a table or can create objects", async () => {
    const violations = await check([
      "create table owned_by_app (id int)",
      "alter table owned_by_app owner to emr_app",
      "grant create on schema public to emr_app",
      "grant create on database " + (await currentDatabase()) + " to emr_app",
    ]);
    expect(violations).toContainEqual(expect.objectContaining({ rule: "app-role-owns", object: "emr_app", detail: "owns relation owned_by_app" }));
    expect(violations).toContainEqual(expect.objectContaining({ rule: "app-role-create", object: "emr_app", detail: "has CREATE on schema public" }));
    expect(violations).toContainEqual(
      expect.objectContaining({ rule: "app-role-create", detail: expect.stringMatching(/^has CREATE on database /) }),
    );
  });

  // Role attributes are cluster-wide, shared with every other database on the server: these cases break a
  // stand-in application role created inside the rolled-back transaction, never emr_app itself.
  const withStandIn = (attributes: string, grants: (role: string) => string[] = () => []) => {
    const role = `iso_probe_${randomUUID().slice(0, 8)}`;
    return withAdminRollback(async ({ db }) => {
      await db.execute(sql.raw(`create role ${role} nologin ${attributes}`));
      for (const statement of grants(role)) await db.execute(sql.raw(statement));
      return { role, violations: await checkTenantCatalog(db, { ...rules, appRoles: [role] }) };
    });
  };

  it("accepts a stand-in application role shaped like emr_app", async () => {
    const { violations } = await withStandIn("nosuperuser nobypassrls noinherit", (role) => [
      `grant emr_platform to ${role}`,
      `grant select, insert, update on patients to ${role}`,
    ]);
    expect(violations).toEqual([]);
  });

  it("reports an application role with BYPASSRLS or SUPERUSER", async () => {
    const bypass = await withStandIn("bypassrls");
    fired(bypass.violations, "app-role-bypassrls", bypass.role);
    const superuser = await withStandIn("superuser");
    fired(superuser.violations, "app-role-superuser", superuser.role);
  });

  it("reports an application role that inherits the platform role's policies, or can become another role", async () => {
    // Postgres 16+ takes inheritance from the member role's INHERIT attribute when the grant is made.
    const inherits = await withStandIn("inherit", (role) => [`grant emr_platform to ${role}`]);
    fired(inherits.violations, "app-role-inherits", inherits.role);
    const owner = await withStandIn("noinherit", (role) => [`grant emr_owner to ${role}`]);
    fired(owner.violations, "app-role-reachable", owner.role);
  });

  it("reports platform privileges beyond reading memberships, any identity privilege on a tenant table, and TRUNCATE or audit rewrites for the app", async () => {
    const violations = await check([
      "grant select on patients to emr_platform",
      "grant select (id) on departments to emr_platform",
      "grant truncate on patients to emr_app",
      "grant update on audit_events to emr_app",
      "grant select on audit_heads to emr_app",
      "grant insert on tenants to emr_app",
      "grant select on memberships to emr_identity",
    ]);
    expect(violations).toContainEqual({ rule: "platform-privilege", object: "memberships", detail: "emr_identity has SELECT on a tenant table" });
    expect(violations).toContainEqual({ rule: "platform-privilege", object: "patients", detail: "emr_platform has SELECT on a tenant table" });
    expect(violations).toContainEqual({ rule: "platform-privilege", object: "departments", detail: "emr_platform has SELECT on a tenant table" });
    expect(violations).toContainEqual({ rule: "app-privilege", object: "patients", detail: "emr_app has TRUNCATE" });
    expect(violations).toContainEqual({ rule: "app-privilege", object: "audit_events", detail: "emr_app has UPDATE" });
    expect(violations).toContainEqual({ rule: "app-privilege", object: "audit_heads", detail: "emr_app has SELECT" });
    expect(violations).toContainEqual({ rule: "app-privilege", object: "tenants", detail: "emr_app has INSERT on a global table" });
  });

  it("reports a security definer function that does not pin search_path with pg_temp last", async () => {
    const violations = await check([
      "create function definer_bad() returns int language sql security definer as 'select 1'",
      "create function definer_ok() returns int language sql security definer set search_path = pg_catalog, public, pg_temp as 'select 1'",
    ]);
    fired(violations, "function-search-path", "definer_bad()");
    expect(violations.some((v) => v.object === "definer_ok()")).toBe(false);
  });
});

async function currentDatabase(): Promise<string> {
  const [row] = await withAdmin(async ({ db }) => rowsOf<{ name: string }>(await db.execute(sql`select current_database() as name`)));
  return `"${row!.name}"`;
}
