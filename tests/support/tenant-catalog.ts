// The tenant boundary as rules on the system catalog (docs/architecture.md §2, decision 001). Tables are discovered
// (any table with a tenant_id column), never listed, so a table added next month is checked without
// anyone remembering to. The checker returns violations instead of asserting, so that a test can run it
// on a deliberately broken schema and see each rule fire.
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "~db/client.server";
import { rowsOf } from "~db/scope.server";

export type Violation = { rule: string; object: string; detail: string };

export type CatalogRules = {
  /** The roles the application runs as: emr_app, and whatever `current_user` the pool really reports. */
  appRoles: string[];
  /** The platform scope's role, reached by SET LOCAL ROLE from the app role. */
  platformRole: string;
  /** The identity scope's role (sign-in), reached the same way; it may hold nothing of a tenant's. */
  identityRole: string;
  /** Tenant tables the platform role may SELECT (and nothing else); also the only tables where a
   * SELECT-only policy for that role may omit the tenant clause. */
  platformReadable: string[];
  /** Tenant tables where the app role is restricted to fewer privileges than elsewhere. */
  appPrivilegeLimits: Record<string, string[]>;
  /** The trigger function that writes every row change to the audit log (AFTER INSERT OR UPDATE). */
  auditFunction: string;
  /** The trigger function that keeps updated_at current (BEFORE UPDATE). */
  touchFunction: string;
};

export const PROJECT_RULES: Omit<CatalogRules, "appRoles"> = {
  platformRole: "emr_platform",
  identityRole: "emr_identity",
  auditFunction: "audit_row_change",
  touchFunction: "touch_updated_at",
  // The membership lookup resolves permissions through the hospital's roles in one statement (decision 038).
  platformReadable: ["memberships", "hospital_roles"],
  // Append-only audit log; the chain head is written only by the security-definer chainer (decision 022); patient
  // search words are derived from patients by another such trigger and only read (decision 014).
  appPrivilegeLimits: { audit_events: ["SELECT", "INSERT"], audit_heads: [], patient_search_words: ["SELECT"] },
};

const TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"];
// TRUNCATE ignores row-level security; TRIGGER and REFERENCES let a role attach code or constraints.
const NEVER_FOR_APP = ["TRUNCATE", "TRIGGER", "REFERENCES"];
const WRITE_PRIVILEGES = ["INSERT", "UPDATE", "DELETE", "TRUNCATE"];

const USER_SCHEMA = sql.raw(
  `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'`,
);
const notExtensionMember = (classTable: string, oid: string) =>
  sql.raw(
    `not exists (select 1 from pg_depend d where d.classid = '${classTable}'::regclass and d.objid = ${oid} and d.deptype = 'e')`,
  );

const TENANT_TABLES = sql`
  tt as (
    select c.oid, c.oid::regclass::text as name, c.relrowsecurity, c.relforcerowsecurity,
           a.attnum as tenant_attnum, a.attnotnull as tenant_not_null,
           format_type(a.atttypid, a.atttypmod) as tenant_type,
           (select min(x.attnum) from pg_attribute x
             where x.attrelid = c.oid and x.attnum > 0 and not x.attisdropped) as first_attnum
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where c.relkind in ('r', 'p') and ${USER_SCHEMA} and ${notExtensionMember("pg_class", "c.oid")}
  )`;

function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** `tenant_id = (select app_tenant_id())` as Postgres deparses it (the kit's clause, decision 059: the
 * transaction's tenant, withheld from a support transaction without an active grant), compared without
 * parentheses and spaces so that versions' layout differences do not matter, while an added `OR true`, or
 * the bare `current_setting('app.tenant_id')` that would let a support transaction in without a grant, does. */
export function isTenantClause(expression: string | null): boolean {
  if (!expression) return false;
  const bare = expression.replace(/[\s()]/g, "");
  return /^tenant_id=(SELECT)?app_tenant_id(AS"?app_tenant_id"?)?$/.test(bare);
}

export async function tenantTableNames(db: Database): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(await db.execute(sql`with ${TENANT_TABLES} select name from tt order by name`));
  return rows.map((r) => r.name);
}

export async function checkTenantCatalog(db: Database, rules: CatalogRules): Promise<Violation[]> {
  const violations: Violation[] = [];
  const add = (rule: string, object: string, detail: string) => violations.push({ rule, object, detail });
  const rows = async <T>(query: SQL) => rowsOf<T>(await db.execute(query));
  const appRoles = [...new Set(rules.appRoles)];

  // --- tables: forced RLS and the tenant_id column itself -------------------------------------------
  const tables = await rows<{
    name: string;
    relrowsecurity: boolean;
    relforcerowsecurity: boolean;
    tenant_attnum: number;
    tenant_not_null: boolean;
    tenant_type: string;
    first_attnum: number;
  }>(sql`with ${TENANT_TABLES} select * from tt order by name`);
  for (const t of tables) {
    if (!t.relrowsecurity) add("rls-enabled", t.name, "row-level security is not enabled");
    if (!t.relforcerowsecurity) add("rls-forced", t.name, "row-level security is not forced (the owner bypasses it)");
    if (t.tenant_type !== "uuid" || !t.tenant_not_null) {
      add("tenant-id-column", t.name, `tenant_id is ${t.tenant_type}${t.tenant_not_null ? " not null" : " nullable"}, expected uuid not null`);
    }
    if (Number(t.first_attnum) !== Number(t.tenant_attnum)) add("tenant-id-column", t.name, "tenant_id is not the first column");
  }

  // --- roles the application is, or can become with SET ROLE ---------------------------------------
  const reachable = new Map<string, { inherited: boolean; from: string }>();
  for (const app of appRoles) {
    const others = await rows<{ rolname: string; inherited: boolean }>(sql`
      select r.rolname, pg_has_role(${app}::name, r.oid, 'USAGE') as inherited
      from pg_roles r
      where r.rolname <> ${app} and pg_has_role(${app}::name, r.oid, 'MEMBER')`);
    for (const other of others) {
      reachable.set(other.rolname, { inherited: other.inherited, from: app });
      if (other.inherited) {
        add("app-role-inherits", app, `inherits the privileges and policies of ${other.rolname} without SET ROLE (must be NOINHERIT)`);
      }
      if (other.rolname !== rules.platformRole && other.rolname !== rules.identityRole) {
        add("app-role-reachable", app, `can SET ROLE ${other.rolname}`);
      }
    }
  }
  const checkedRoles = [...appRoles, ...[...reachable.keys()].filter((r) => !appRoles.includes(r))];

  for (const role of checkedRoles) {
    const [attrs] = await rows<{ rolsuper: boolean; rolbypassrls: boolean }>(
      sql`select rolsuper, rolbypassrls from pg_roles where rolname = ${role}`,
    );
    if (!attrs) {
      add("app-role", role, "role does not exist");
      continue;
    }
    if (attrs.rolsuper) add("app-role-superuser", role, "is a superuser (ignores row-level security)");
    if (attrs.rolbypassrls) add("app-role-bypassrls", role, "has BYPASSRLS");
    const owned = await rows<{ kind: string; name: string }>(sql`
      with me as (select oid from pg_roles where rolname = ${role})
      select 'relation' as kind, c.oid::regclass::text as name
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relowner = (select oid from me) and ${USER_SCHEMA}
      union all
      select 'function', p.oid::regprocedure::text
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.proowner = (select oid from me) and ${USER_SCHEMA}
      union all
      select 'schema', n.nspname from pg_namespace n where n.nspowner = (select oid from me) and ${USER_SCHEMA}
      union all
      select 'database', d.datname::text from pg_database d
        where d.datdba = (select oid from me) and d.datname = current_database()`);
    for (const o of owned) add("app-role-owns", role, `owns ${o.kind} ${o.name}`);
    const create = await rows<{ object: string }>(sql`
      select 'schema ' || n.nspname as object from pg_namespace n
        where ${USER_SCHEMA} and has_schema_privilege(${role}::name, n.oid, 'CREATE')
      union all
      select 'database ' || current_database() where has_database_privilege(${role}::name, current_database(), 'CREATE')`);
    for (const c of create) add("app-role-create", role, `has CREATE on ${c.object}`);
  }

  // --- privileges on tenant tables (column grants count too) ---------------------------------------
  for (const role of checkedRoles) {
    const granted = await rows<{ name: string; privilege: string }>(sql`
      with ${TENANT_TABLES}, p(privilege) as (values ${sql.join(
        TABLE_PRIVILEGES.map((p) => sql`(${p}::text)`),
        sql`, `,
      )})
      select tt.name, p.privilege from tt cross join p
      where has_table_privilege(${role}::name, tt.oid, p.privilege)
         or (p.privilege in ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES')
             and has_any_column_privilege(${role}::name, tt.oid, p.privilege))
      order by 1, 2`);
    const isApp = appRoles.includes(role);
    for (const g of granted) {
      if (isApp) {
        const limit = rules.appPrivilegeLimits[g.name];
        if (NEVER_FOR_APP.includes(g.privilege) || (limit && !limit.includes(g.privilege))) {
          add("app-privilege", `${g.name}`, `${role} has ${g.privilege}`);
        }
      } else {
        const allowed = role === rules.platformRole && g.privilege === "SELECT" && rules.platformReadable.includes(g.name);
        if (!allowed) add("platform-privilege", g.name, `${role} has ${g.privilege} on a tenant table`);
      }
    }
  }
  for (const role of appRoles) {
    // Global tables are written through the platform scope, never by the tenant role directly.
    const writes = await rows<{ name: string; privilege: string }>(sql`
      with ${TENANT_TABLES}, p(privilege) as (values ${sql.join(
        WRITE_PRIVILEGES.map((p) => sql`(${p}::text)`),
        sql`, `,
      )})
      select c.oid::regclass::text as name, p.privilege
      from pg_class c join pg_namespace n on n.oid = c.relnamespace cross join p
      where c.relkind in ('r', 'p') and ${USER_SCHEMA} and c.oid not in (select oid from tt)
        and has_table_privilege(${role}::name, c.oid, p.privilege)
      order by 1, 2`);
    for (const w of writes) add("app-privilege", w.name, `${role} has ${w.privilege} on a global table`);
  }

  // --- policies ------------------------------------------------------------------------------------
  const policies = await rows<{
    table: string;
    name: string;
    permissive: boolean;
    cmd: string;
    roles: unknown;
    qual: string | null;
    with_check: string | null;
  }>(sql`
    with ${TENANT_TABLES}
    select tt.name as table, pol.polname as name, pol.polpermissive as permissive, pol.polcmd::text as cmd,
           (select coalesce(json_agg(case when r = 0 then 'public' else pg_get_userbyid(r)::text end), '[]'::json)
              from unnest(pol.polroles) as r) as roles,
           pg_get_expr(pol.polqual, pol.polrelid) as qual,
           pg_get_expr(pol.polwithcheck, pol.polrelid) as with_check
    from pg_policy pol join tt on tt.oid = pol.polrelid
    order by 1, 2`);
  const reachableByApp = new Set(["public", ...appRoles, ...reachable.keys()]);
  for (const t of tables) {
    const own = policies.filter((p) => p.table === t.name);
    const isolation = own.some(
      (p) => p.permissive && p.cmd === "*" && isTenantClause(p.qual) && isTenantClause(p.with_check),
    );
    if (!isolation) {
      add("tenant-policy", t.name, "no permissive FOR ALL policy with the tenant clause in both USING and WITH CHECK");
    }
    for (const p of own) {
      const roles = json<string[]>(p.roles);
      if (!p.permissive || !roles.some((r) => reachableByApp.has(r))) continue;
      const platformRead =
        p.cmd === "r" && roles.length === 1 && roles[0] === rules.platformRole && rules.platformReadable.includes(t.name);
      if (platformRead) continue;
      // INSERT/UPDATE/ALL take WITH CHECK; ALL and UPDATE fall back to USING when it is absent.
      const checksRows = p.cmd === "*" || p.cmd === "a" || p.cmd === "w";
      const usingOk = p.cmd === "a" || isTenantClause(p.qual);
      const checkOk = !checksRows || isTenantClause(p.with_check) || (p.with_check === null && p.cmd !== "a" && usingOk);
      if (!usingOk || !checkOk) {
        add(
          "policy-without-tenant-clause",
          `${t.name}.${p.name}`,
          `permissive policy for ${roles.join(", ")} (cmd ${p.cmd}) lacks the tenant clause: USING ${p.qual ?? "-"} WITH CHECK ${p.with_check ?? "-"}`,
        );
      }
    }
  }

  // --- keys: every key of a tenant table is scoped by tenant_id ------------------------------------
  const primaryKeys = await rows<{ name: string; conname: string | null; leads: boolean | null }>(sql`
    with ${TENANT_TABLES}
    select tt.name, con.conname, con.conkey[1] = tt.tenant_attnum as leads
    from tt left join pg_constraint con on con.conrelid = tt.oid and con.contype = 'p'
    order by 1`);
  for (const pk of primaryKeys) {
    if (!pk.conname) add("primary-key", pk.name, "has no primary key");
    else if (!pk.leads) add("primary-key", pk.name, `primary key ${pk.conname} does not start with tenant_id`);
  }
  const uniques = await rows<{ name: string; index_name: string; keys: unknown; nkeys: number; tenant_attnum: number }>(sql`
    with ${TENANT_TABLES}
    select tt.name, i.indexrelid::regclass::text as index_name,
           to_json(string_to_array(i.indkey::text, ' ')::int[]) as keys, i.indnkeyatts as nkeys, tt.tenant_attnum
    from tt join pg_index i on i.indrelid = tt.oid
    where i.indisunique
    order by 1, 2`);
  for (const u of uniques) {
    const keyColumns = json<number[]>(u.keys).slice(0, Number(u.nkeys));
    if (!keyColumns.includes(Number(u.tenant_attnum))) {
      add("unique", `${u.name}.${u.index_name}`, "unique key does not include tenant_id (a global unique leaks existence across tenants)");
    }
  }
  const foreignKeys = await rows<{
    name: string;
    conname: string;
    target: string;
    keys: unknown;
    target_keys: unknown;
    tenant_attnum: number;
    target_tenant_attnum: number;
  }>(sql`
    with ${TENANT_TABLES}
    select tt.name, con.conname, ft.name as target, to_json(con.conkey) as keys, to_json(con.confkey) as target_keys,
           tt.tenant_attnum, ft.tenant_attnum as target_tenant_attnum
    from tt join pg_constraint con on con.conrelid = tt.oid and con.contype = 'f'
    join tt ft on ft.oid = con.confrelid
    order by 1, 2`);
  for (const fk of foreignKeys) {
    const keys = json<number[]>(fk.keys);
    const targetKeys = json<number[]>(fk.target_keys);
    const at = keys.indexOf(Number(fk.tenant_attnum));
    if (at < 0 || targetKeys[at] !== Number(fk.target_tenant_attnum)) {
      add("foreign-key", `${fk.name}.${fk.conname}`, `references tenant table ${fk.target} without matching tenant_id to tenant_id`);
    }
  }

  // --- distribution by tenant_id (Citus): what the key rules above do not already cover ------------
  // A global table becomes a reference table, copied to every node; it cannot point into a distributed
  // (tenant) table. An exclusion constraint is enforced per shard, so it must compare tenant_id by =.
  const referencesIntoTenants = await rows<{ name: string; conname: string; target: string }>(sql`
    with ${TENANT_TABLES}
    select con.conrelid::regclass::text as name, con.conname, tt.name as target
    from pg_constraint con join tt on tt.oid = con.confrelid
    where con.contype = 'f' and con.conrelid not in (select oid from tt)
    order by 1, 2`);
  for (const r of referencesIntoTenants) {
    add("distribution", `${r.name}.${r.conname}`, `global table references tenant table ${r.target} (a reference table cannot point into a distributed one)`);
  }
  const exclusions = await rows<{ name: string; conname: string }>(sql`
    with ${TENANT_TABLES}
    select tt.name, con.conname
    from tt join pg_constraint con on con.conrelid = tt.oid and con.contype = 'x'
    where not exists (
      select 1 from unnest(con.conkey, con.conexclop) as k(attnum, op)
      where k.attnum = tt.tenant_attnum and k.op::regoperator::text like '=(%')
    order by 1, 2`);
  for (const x of exclusions) add("distribution", `${x.name}.${x.conname}`, "exclusion constraint does not compare tenant_id with =");

  // --- triggers: every write audited, updated_at kept current --------------------------------------
  // The audit log's own tables are the tenant tables the application cannot UPDATE (the kit grants
  // UPDATE on every other one): a write-audit trigger there would record its own entries.
  const triggerTables = await rows<{ name: string; has_updated_at: boolean; app_updates: boolean; triggers: unknown }>(sql`
    with ${TENANT_TABLES}
    select tt.name,
           exists (select 1 from pg_attribute a where a.attrelid = tt.oid and a.attname = 'updated_at' and not a.attisdropped) as has_updated_at,
           exists (select 1 from pg_roles r
                   where r.rolname in (${sql.join(appRoles.map((role) => sql`${role}`), sql`, `)})
                     and (has_table_privilege(r.oid, tt.oid, 'UPDATE') or has_any_column_privilege(r.oid, tt.oid, 'UPDATE'))) as app_updates,
           (select coalesce(json_agg(json_build_object('fn', p.proname, 'type', tg.tgtype, 'enabled', tg.tgenabled,
                     'every_row', tg.tgqual is null and cardinality(tg.tgattr::int2[]) = 0)), '[]'::json)
              from pg_trigger tg join pg_proc p on p.oid = tg.tgfoid
              where tg.tgrelid = tt.oid and not tg.tgisinternal) as triggers
    from tt order by 1`);
  // pg_trigger.tgtype bits (Postgres' trigger.h) and tgenabled codes.
  const ROW = 1, BEFORE = 2, INSERT = 4, UPDATE = 16, INSTEAD = 64;
  const fires = (enabled: string) => enabled === "O" || enabled === "A";
  for (const t of triggerTables) {
    // every_row: no WHEN condition and no UPDATE OF column list, either of which lets writes through unseen.
    const triggers = json<{ fn: string; type: number; enabled: string; every_row: boolean }[]>(t.triggers);
    const has = (fn: string, ok: (type: number) => boolean) =>
      triggers.some((g) => g.fn === fn && fires(g.enabled) && g.every_row && ok(Number(g.type)));
    const auditsWrites = has(rules.auditFunction, (type) => (type & ROW) !== 0 && (type & (BEFORE | INSTEAD)) === 0 && (type & INSERT) !== 0 && (type & UPDATE) !== 0);
    if (t.app_updates && !auditsWrites) {
      add("audit-trigger", t.name, `no enabled, unconditional AFTER INSERT OR UPDATE FOR EACH ROW trigger calling ${rules.auditFunction}()`);
    }
    const touches = has(rules.touchFunction, (type) => (type & ROW) !== 0 && (type & BEFORE) !== 0 && (type & UPDATE) !== 0);
    if (t.has_updated_at && !touches) {
      add("updated-at-trigger", t.name, `has updated_at but no enabled, unconditional BEFORE UPDATE FOR EACH ROW trigger calling ${rules.touchFunction}()`);
    }
  }

  // --- views: a view runs with its owner's rights unless security_invoker --------------------------
  const views = await rows<{ name: string; relkind: string; options: unknown }>(sql`
    select c.oid::regclass::text as name, c.relkind::text as relkind, to_json(c.reloptions) as options
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('v', 'm') and ${USER_SCHEMA} and ${notExtensionMember("pg_class", "c.oid")}
    order by 1`);
  for (const v of views) {
    if (v.relkind === "m") {
      for (const role of checkedRoles) {
        const [readable] = await rows<{ ok: boolean }>(sql`select has_table_privilege(${role}::name, ${v.name}::regclass, 'SELECT') as ok`);
        if (readable?.ok) add("materialized-view", v.name, `${role} can read a materialized view (no row-level security)`);
      }
      continue;
    }
    const options = json<string[] | null>(v.options) ?? [];
    const invoker = options.some((o) => /^security_invoker=(true|on|yes|1)$/i.test(o));
    if (!invoker) add("view-security-invoker", v.name, "view lacks security_invoker=true (it would read as its owner)");
  }

  // --- functions that run with another role's rights or inside tenant-table triggers ---------------
  const functions = await rows<{ name: string; secdef: boolean; config: unknown }>(sql`
    with ${TENANT_TABLES}
    select p.oid::regprocedure::text as name, p.prosecdef as secdef, to_json(p.proconfig) as config
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where ${USER_SCHEMA} and ${notExtensionMember("pg_proc", "p.oid")}
      and (p.prosecdef or exists (
        select 1 from pg_trigger tg join tt on tt.oid = tg.tgrelid where tg.tgfoid = p.oid and not tg.tgisinternal))
    order by 1`);
  for (const f of functions) {
    const config = json<string[] | null>(f.config) ?? [];
    const setting = config.find((c) => c.startsWith("search_path="));
    const path = setting
      ?.slice("search_path=".length)
      .split(",")
      .map((s) => s.trim().replace(/^"|"$/g, ""));
    // Unless pg_temp is named, it is searched FIRST for relations: any role that may create temporary
    // tables can then shadow the tables this function writes (the audit log, the chain head).
    if (!path || path[path.length - 1] !== "pg_temp") {
      add(
        "function-search-path",
        f.name,
        `${f.secdef ? "security definer" : "tenant-table trigger"} function does not pin search_path with pg_temp last (${setting ?? "no search_path"})`,
      );
    }
  }

  return violations.sort((a, b) => `${a.rule} ${a.object} ${a.detail}`.localeCompare(`${b.rule} ${b.object} ${b.detail}`));
}
