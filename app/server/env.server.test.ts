import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkEnv, ENV_NAMES, ENV_VARIABLES, EnvError, type EnvName, readEnv, selectDatabaseEngine } from "./env.server";

const APP_URL = "postgres://emr_app:s3cret-pw@db.internal:6432/emr";

function problemsOf(source: Record<string, string>): string[] {
  try {
    checkEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems.map((p) => p.name);
    throw error;
  }
  return [];
}

describe("the environment schema", () => {
  it("gives every variable with a default its default when nothing is set", () => {
    const env = checkEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, HOST: "127.0.0.1", DATABASE_POOL_SIZE: 10, TRUST_PROXY: 0 });
    expect(env.APP_DATABASE_URL).toBeUndefined();
  });

  it("reads numbers as numbers and treats an empty value as unset", () => {
    expect(readEnv({ PORT: "8080", DATABASE_POOL_SIZE: "", TRUST_PROXY: "2" }, ["PORT", "DATABASE_POOL_SIZE", "TRUST_PROXY"])).toEqual({
      PORT: 8080,
      DATABASE_POOL_SIZE: 10,
      TRUST_PROXY: 2,
    });
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_POOL_SIZE", "0"],
    ["DATABASE_POOL_SIZE", "ten"],
    ["TRUST_PROXY", "true"],
    ["NODE_ENV", "staging"],
    ["DATABASE_URL", "mysql://root@localhost/emr"],
    ["APP_ORIGIN", "emr.example.vn"],
  ])("names %s when it is %j", (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([name]);
  });

  it("names every bad variable at once, and never prints a value (URLs carry passwords)", () => {
    let message = "";
    try {
      checkEnv({ PORT: "x", APP_DATABASE_URL: "s3cret-pw@nowhere" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT must be a whole number/);
    expect(message).toMatch(/APP_DATABASE_URL must be a postgres:\/\/ URL/);
    expect(message).not.toContain("s3cret-pw");
  });
});

describe("choosing the database", () => {
  it("runs on Postgres with only the application's URL: the administrator's is for migrations", () => {
    expect(selectDatabaseEngine(readEnv({ APP_DATABASE_URL: APP_URL, NODE_ENV: "production" }))).toBe("postgres");
    expect(problemsOf({ APP_DATABASE_URL: APP_URL, NODE_ENV: "production" })).toEqual([]);
  });

  it("runs on the embedded database without any URL outside production", () => {
    expect(selectDatabaseEngine(readEnv({}))).toBe("pglite");
  });

  it("refuses to start in production without a Postgres URL, naming APP_DATABASE_URL", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toEqual(["APP_DATABASE_URL"]);
    expect(() => checkEnv({ NODE_ENV: "production" })).toThrow(/refusing to run on the embedded database/);
  });
});

describe("the README", () => {
  it("lists exactly the variables of the schema in its table, with the same defaults", () => {
    const readme = readFileSync("README.md", "utf8");
    const section = readme.split(/^## /m).find((s) => s.startsWith("Environment variables"));
    expect(section, "a '## Environment variables' section").toBeDefined();
    const rows = [...section!.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]);
    expect(rows.map(([name]) => name).sort()).toEqual([...ENV_NAMES].sort());
    for (const [name, shown] of rows) {
      const byDefault = (ENV_VARIABLES[name as EnvName] as { default?: string }).default;
      const expected = byDefault === undefined ? "unset" : byDefault === "" ? "empty" : `\`${byDefault}\``;
      expect(shown, name).toBe(expected);
    }
  });
});
