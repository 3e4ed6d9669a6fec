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
         import { withTenant } from "~db/scope.server";
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
    expect(check("app/routes/admin.tsx", source)).toHaveLength(1);
    expect(check("app/auth/sign-in.server.ts", source)).toEqual([]);
  });

  it("lets any module take the other scopes and the identity scope's type", () => {
    const source = `import { type IdentityTx, withPlatform, withTenant } from "~db/scope.server";`;
    expect(check("app/hospitals/list-my-hospitals.server.ts", source)).toEqual([]);
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
