// The server checks its environment before anything else: a bad or missing variable stops it at once,
// with the variable's name, instead of serving on a wrong port or quietly on the embedded database.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Starts scripts/serve.ts with exactly `env` (plus PATH) and returns how it ended. */
function startServer(env: Record<string, string>) {
  const result = spawnSync("node_modules/.bin/tsx", ["scripts/serve.ts"], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, NODE_ENV: "development", PORT: "3999", ...env },
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr, timedOut: result.signal !== null };
}

describe("scripts/serve.ts at start-up", () => {
  it("refuses to run in production without a Postgres URL, rather than on the embedded database", () => {
    const { status, stderr, timedOut } = startServer({ NODE_ENV: "production", EMR_DATA_DIR: ".data/test/never-created" });
    expect(timedOut).toBe(false);
    expect(status).toBe(1);
    expect(stderr).toMatch(/APP_DATABASE_URL is required when NODE_ENV=production: refusing to run on the embedded database/);
  });

  it("stops with the name of a bad variable", () => {
    const { status, stderr, timedOut } = startServer({ PORT: "http" });
    expect(timedOut).toBe(false);
    expect(status).toBe(1);
    expect(stderr).toMatch(/PORT must be a whole number from 1 to 65535/);
  });
});
