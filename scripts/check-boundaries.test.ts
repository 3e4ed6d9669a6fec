import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { findBoundaryViolations, importTarget } from "./check-boundaries";

const check = (path: string, content: string) => findBoundaryViolations([{ path, content }]);

describe("the boundary check", () => {
  it("passes a clean route and a clean domain module", () => {
    expect(
      check(
        "app/routes/h.$hospital.patients._index.tsx",
        `import { json } from "@remix-run/node";
         import { requireMember } from "~/auth/guards.server";
         import type { Patient } from "~/patients/patient";
         import { findPatients } from "~/patients/find-patients.server";`,
      ),
    ).toEqual([]);
    expect(
      check(
        "app/patients/find-patients.server.ts",
        `import { and, eq } from "drizzle-orm";
         import { patients } from "~db/schema";
         import type { TenantTx } from "~db/scope.server";`,
      ),
    ).toEqual([]);
  });

  it("lets app/entry.server.tsx re-export closeDatabase from the scope module", () => {
    expect(check("app/entry.server.tsx", `export { closeDatabase } from "~db/scope.server";`)).toEqual([]);
  });

  it.each([
    ["~db/client.server", `import { getAppConnection } from "~db/client.server";`],
    ["the client by relative path", `import { getAppConnection } from "../../db/client.server";`],
    ["the client by repository path", `import { getAppConnection } from "db/client.server";`],
    ["the client with an extension", `import { getAppConnection } from "~db/client.server.ts";`],
    ["the migrator", `import { migrateDatabase } from "~db/migrate.server";`],
    ["postgres", `import postgres from "postgres";`],
    ["@electric-sql/pglite", `import { PGlite } from "@electric-sql/pglite";`],
    ["a pglite contrib entry", `import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";`],
    ["drizzle-orm/postgres-js", `import { drizzle } from "drizzle-orm/postgres-js";`],
    ["drizzle-orm/pglite", `import { drizzle } from "drizzle-orm/pglite";`],
    ["a re-export", `export { getAppConnection } from "~db/client.server";`],
    ["a star re-export", `export * from "~db/client.server";`],
    ["a side-effect import", `import "postgres";`],
    ["a dynamic import", `const { default: postgres } = await import("postgres");`],
    ["a require", `const postgres = require("postgres");`],
    ["an import type reference", `let db: import("~db/client.server").Database;`],
    ["a type-only import", `import type { Database } from "~db/client.server";`],
  ])("catches %s anywhere under app/", (_, source) => {
    const violations = check("app/patients/some.server.ts", `// a comment\n${source}`);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ file: "app/patients/some.server.ts", line: 2 });
  });

  it("reports the line of a multi-line import", () => {
    const violations = check("app/lib/x.server.ts", `import {\n  a,\n  b,\n} from "postgres";\n`);
    expect(violations).toMatchObject([{ line: 4, specifier: "postgres" }]);
  });

  it.each([
    ["drizzle-orm", `import { eq } from "drizzle-orm";`],
    ["a drizzle-orm entry", `import { pgTable } from "drizzle-orm/pg-core";`],
    ["~db/schema", `import { patients } from "~db/schema";`],
    ["a schema file", `import { patients } from "~db/schema/tenant";`],
    ["the schema by relative path", `import { patients } from "../../db/schema";`],
    ["a type-only schema import", `import type { StaffRole } from "~db/schema";`],
    ["an inline type import of drizzle", `import { type SQL } from "drizzle-orm";`],
  ])("catches %s in a route module", (_, source) => {
    expect(check("app/routes/h.$hospital.patients.$patientId.tsx", source)).toHaveLength(1);
    // The same import is fine in a domain module.
    expect(check("app/patients/get-patient.server.ts", source)).toEqual([]);
  });

  it.each([
    ["a named import", `import { withIdentity } from "~db/scope.server";`],
    ["a renamed import", `import { withIdentity as signInScope } from "~db/scope.server";`],
    ["a re-export", `export { withIdentity } from "~db/scope.server";`],
    ["a namespace import", `import * as scope from "~db/scope.server";`],
    ["a star re-export", `export * from "~db/scope.server";`],
    ["a dynamic import", `const scope = await import("~db/scope.server");`],
    ["a require", `const scope = require("~db/scope.server");`],
    ["an import type reference", `let f: typeof import("~db/scope.server").withIdentity;`],
  ])("keeps the identity scope in app/auth/: catches %s elsewhere", (_, source) => {
    expect(check("app/platform/console.server.ts", source)).toMatchObject([{ specifier: "~db/scope.server" }]);
    expect(check("app/hospitals/support.server.ts", source)).toHaveLength(1);
    expect(check("app/auth/sign-in.server.ts", source)).toEqual([]);
  });

  it("lets any module take the other scopes and the identity scope's type", () => {
    const source = `import { type IdentityTx, withPlatform, withTenant } from "~db/scope.server";`;
    expect(check("app/hospitals/list-my-hospitals.server.ts", source)).toEqual([]);
  });

  it("keeps route modules away from withTenant: they use member.tx() from the guard", () => {
    const source = `import { withTenant } from "~db/scope.server";`;
    expect(check("app/routes/h.$hospital.patients._index.tsx", source)).toMatchObject([{ specifier: "~db/scope.server" }]);
    expect(check("app/routes/h.$hospital.patients._index.tsx", `import type { TenantTx } from "~db/scope.server";`)).toHaveLength(1);
    // Domain modules and guards take the tenant transaction from there.
    expect(check("app/auth/guards.server.ts", source)).toEqual([]);
  });

  it.each([
    ["set_config in a tagged template", "await t.db.execute(sql`select set_config('app.tenant_id', ${id}, true)`);", "set_config("],
    ["SET_CONFIG in capitals in a string", `await client.exec("SELECT SET_CONFIG('app.tenant_id', '1', false)");`, "SET_CONFIG("],
    ["set role", "await tx.execute(sql`set role emr_owner`);", "set role"],
    ["SET LOCAL ROLE", `await client.exec("SET LOCAL ROLE emr_platform");`, "SET LOCAL ROLE"],
    ["Set Session Role across lines", "await tx.execute(sql`\n  Set Session\n  Role emr_owner`);", "Set Session\n  Role"],
    ["reset role", `await client.exec("RESET ROLE");`, "RESET ROLE"],
    ["set role in a template part after a value", "sql`select ${x}; set role postgres`", "set role"],
    ["sql.raw", "await db.execute(sql.raw(text));", "sql.raw"],
    ["sql['raw']", `const chunk = sql["raw"](text);`, "sql.raw"],
  ])("catches %s outside db/", (_, source, found) => {
    for (const file of ["app/patients/x.server.ts", "app/routes/x.tsx", "scripts/seed.ts", "vite.config.ts", "scripts/report.mjs"]) {
      const violations = check(file, `// a comment\n${source}`);
      expect(violations, file).toHaveLength(1);
      expect(violations[0]).toMatchObject({ file, line: 2, specifier: found });
    }
    // db/ builds the tenant transaction; tests set up broken schemas on purpose.
    expect(check("db/scope.server.ts", source)).toEqual([]);
    expect(check("tests/integration/catalog.test.ts", source)).toEqual([]);
    expect(check("tests/support/tenant-catalog.ts", source)).toEqual([]);
    expect(check("app/patients/x.test.ts", source)).toEqual([]);
  });

  it("does not mistake comments, other identifiers or ordinary words for SQL escapes", () => {
    const source = [
      "// select set_config('app.tenant_id', $1, true) happens in db/scope.server.ts; set role too; sql.raw is banned",
      "/* RESET ROLE */",
      "const offsetRole = 'onset roles are listed';",
      "const config = { set_configuration: 1 };",
      "const text = raw.sql; const r = other.raw(x);",
      "const label = 'Set the role of a member';",
    ].join("\n");
    expect(check("app/hospitals/x.server.ts", source)).toEqual([]);
  });

  it("ignores imports in comments and strings, and test files", () => {
    expect(check("app/routes/x.tsx", `// import { eq } from "drizzle-orm";\nconst s = 'import postgres from "postgres"';`)).toEqual([]);
    expect(check("app/patients/x.test.ts", `import { getAppConnection } from "~db/client.server";`)).toEqual([]);
    expect(check("scripts/seed.ts", `import { getAppConnection } from "~db/client.server";`)).toEqual([]);
  });

  it("resolves every spelling of a module to one target", () => {
    expect(importTarget("app/routes/a.tsx", "../../db/client.server")).toBe("db/client.server");
    expect(importTarget("app/routes/a.tsx", "~db/schema/index")).toBe("db/schema");
    expect(importTarget("app/a/b.ts", "./c.server.ts")).toBe("app/a/c.server");
    expect(importTarget("app/a/b.ts", "drizzle-orm/pg-core")).toBe("drizzle-orm/pg-core");
  });

  it("passes on the application as it is now, from the command line", () => {
    const run = spawnSync("node_modules/.bin/tsx", ["scripts/check-boundaries.ts"], { encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
