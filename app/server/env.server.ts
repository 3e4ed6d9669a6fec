// Every environment variable the server, the scripts and the test tools read: its type, its default and
// what it means, in one list. scripts/serve.ts validates them all once at start-up and stops with a
// message naming the variable at fault; the README's table lists the same names (a test compares them).
//
// Values are read at call time, not cached at import: tests and scripts set some before the first
// connection (e.g. DATABASE_POOL_SIZE, EMR_DATA_DIR).
import { z } from "zod";
import { parseTrustProxy } from "./trust-proxy.server";

export type EnvUser = "server" | "scripts" | "tests";

type Spec<T extends z.ZodTypeAny = z.ZodTypeAny> = {
  schema: T;
  /** The value used when the variable is unset or empty; none means "unset" is a valid state. */
  default?: string;
  meaning: string;
  usedBy: EnvUser;
};

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/[^/]+\/[^/?]+/, "must be a postgres:// URL naming a server and a database");

const origin = z
  .string()
  .regex(/^https?:\/\/[^/]+$/, "must be an origin such as https://emr.example.vn (scheme and host, no path)");

// Keeps each entry's own type, so that Env knows which variables have a default.
function spec<S extends Spec>(s: S): S {
  return s;
}

export const ENV_VARIABLES = {
  NODE_ENV: spec({
    schema: z.enum(["development", "production", "test"], { message: "must be development, production or test" }),
    default: "development",
    usedBy: "server",
    meaning:
      "`production` makes cookies `Secure` with the `__Host-` prefix and refuses to start without a Postgres URL (never the embedded database).",
  }),
  PORT: spec({ schema: wholeNumber(1, 65535), default: "3000", usedBy: "server", meaning: "The port the HTTP server listens on." }),
  HOST: spec({
    schema: z.string(),
    default: "127.0.0.1",
    usedBy: "server",
    meaning: "The address the HTTP server listens on (`0.0.0.0` in a container).",
  }),
  APP_DATABASE_URL: spec({
    schema: postgresUrl,
    usedBy: "server",
    meaning:
      "The application's Postgres URL, as `emr_app` (possibly through PgBouncer in transaction mode). Alone it is all the server needs.",
  }),
  DATABASE_URL: spec({
    schema: postgresUrl,
    usedBy: "scripts",
    meaning:
      "The administrator's Postgres URL, for migrations, seeding and tests: direct, never through a transaction pooler. Without `APP_DATABASE_URL` the app uses it too, as `emr_app`; without either, everything runs on the embedded PGlite.",
  }),
  EMR_APP_PASSWORD: spec({
    schema: z.string(),
    default: "",
    usedBy: "server",
    meaning: "The password of `emr_app` when its URL is derived from `DATABASE_URL` (no `APP_DATABASE_URL`).",
  }),
  DATABASE_POOL_SIZE: spec({
    schema: wholeNumber(1, 1000),
    default: "10",
    usedBy: "server",
    meaning: "Connections in the application's pool, per server process.",
  }),
  EMR_DATA_DIR: spec({
    schema: z.string(),
    default: ".data/pglite",
    usedBy: "server",
    meaning: "Where the embedded database keeps its files (PGlite only).",
  }),
  EMR_PGLITE_SNAPSHOT: spec({
    schema: z.string(),
    usedBy: "tests",
    meaning: "A migrated PGlite dump to load into memory instead of `EMR_DATA_DIR` (set by the test setup).",
  }),
  APP_ORIGIN: spec({
    schema: origin,
    usedBy: "server",
    meaning: "The public origin, for the Origin check behind a reverse proxy. Unset: taken from the request.",
  }),
  TRUST_PROXY: spec({
    schema: z.string().transform((value, context) => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message.replace(/^TRUST_PROXY: /, "") });
        return z.NEVER;
      }
    }),
    default: "0",
    usedBy: "server",
    meaning:
      "Which reverse proxies to believe about the client's address: a number of hops (`1` behind one proxy), or a comma-separated list of the proxies' addresses. Never the whole `X-Forwarded-For`.",
  }),
  WEB_CONCURRENCY: spec({
    schema: wholeNumber(1, 256),
    usedBy: "server",
    meaning:
      "Server processes `npm start` runs on Postgres. Unset: one per core this process may use (set it under a container CPU quota). The embedded PGlite always runs one.",
  }),
  JOB_RUNNER: spec({
    schema: z.enum(["in-process", "worker", "off"], { message: "must be in-process, worker or off" }),
    default: "in-process",
    usedBy: "server",
    meaning:
      "Where background jobs run (decision 025): inside each server process, only in `npm run worker` (production with several servers), or nowhere.",
  }),
  AUDIT_ANCHOR_DIR: spec({
    schema: z.string(),
    default: ".data/audit-anchors",
    usedBy: "server",
    meaning:
      "Where signed audit-chain anchors are written (decision 023); in production, storage the database's operators cannot rewrite.",
  }),
  AUDIT_ANCHOR_KEY: spec({
    schema: z.string().min(32, "must be at least 32 characters"),
    usedBy: "server",
    meaning:
      "The key that signs audit anchors; never stored in the database. Required in production; elsewhere a development key is kept beside the anchors.",
  }),
  EXPORT_DIR: spec({
    schema: z.string(),
    default: ".data/exports",
    usedBy: "server",
    meaning:
      "Where hospitals' data exports (ZIP archives) are written and downloaded from (decision 053); shared by the web servers and the worker in production.",
  }),
  SMTP_URL: spec({
    schema: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL"),
    usedBy: "server",
    meaning:
      "Where e-mail is sent (`smtp://user:pass@host:587`, `smtps://` for TLS). Unset: messages stay in the outbox (`npm run mail:outbox` shows them) and sign-up still works (decision 032).",
  }),
  MAIL_FROM: spec({
    schema: z.string().min(3),
    default: "EMR <no-reply@localhost>",
    usedBy: "server",
    meaning: "The sender of the e-mail the application sends.",
  }),
  E2E_PORT: spec({
    schema: wholeNumber(1, 65535),
    default: "3100",
    usedBy: "tests",
    meaning: "The port of the server the end-to-end tests start.",
  }),
  CHROMIUM_PATH: spec({
    schema: z.string(),
    default: "/usr/bin/chromium",
    usedBy: "tests",
    meaning: "The Chromium the end-to-end tests drive (never a downloaded browser).",
  }),
};

type Variables = typeof ENV_VARIABLES;
export type EnvName = keyof Variables;
export type Env = {
  [K in EnvName]: Variables[K] extends { default: string } ? z.output<Variables[K]["schema"]> : z.output<Variables[K]["schema"]> | undefined;
};

export const ENV_NAMES = Object.keys(ENV_VARIABLES) as EnvName[];

export class EnvError extends Error {
  constructor(readonly problems: { name: EnvName; problem: string }[]) {
    super(
      `Invalid environment:\n${problems.map((p) => `  ${p.name} ${p.problem}`).join("\n")}\n` +
        "See the README's table of environment variables.",
    );
    this.name = "EnvError";
  }
}

/** Reads the named variables (all by default) from `source`. Throws EnvError naming each bad one. */
export function readEnv<N extends EnvName = EnvName>(
  source: Record<string, string | undefined> = process.env,
  names: readonly N[] = ENV_NAMES as N[],
): Pick<Env, N> {
  const values: Record<string, unknown> = {};
  const problems: { name: EnvName; problem: string }[] = [];
  for (const name of names) {
    const variable: Spec = ENV_VARIABLES[name];
    // Empty counts as unset: compose files and shells often write `NAME=` for "not set".
    const raw = source[name] === "" ? undefined : source[name];
    const value = raw ?? variable.default;
    if (value === undefined) continue;
    const parsed = variable.schema.safeParse(value);
    // Never echo the value: URLs carry passwords.
    if (parsed.success) values[name] = parsed.data;
    else problems.push({ name, problem: parsed.error.issues[0]?.message ?? "is invalid" });
  }
  if (problems.length > 0) throw new EnvError(problems);
  return values as Pick<Env, N>;
}

export type DatabaseEngine = "postgres" | "pglite";

/**
 * Postgres when either URL is set (the server needs only APP_DATABASE_URL), otherwise the embedded
 * PGlite; but never PGlite in production, where a missing URL is a mistake, not a demo.
 */
export function selectDatabaseEngine(env: Pick<Env, "NODE_ENV" | "APP_DATABASE_URL" | "DATABASE_URL">): DatabaseEngine {
  if (env.APP_DATABASE_URL || env.DATABASE_URL) return "postgres";
  if (env.NODE_ENV === "production") {
    throw new EnvError([
      {
        name: "APP_DATABASE_URL",
        problem: "is required when NODE_ENV=production: refusing to run on the embedded database",
      },
    ]);
  }
  return "pglite";
}

/** The server's start-up check: every variable valid, and a database fit for the mode. */
export function checkEnv(source: Record<string, string | undefined> = process.env): Env {
  const env = readEnv(source);
  selectDatabaseEngine(env);
  return env;
}

/** For start-up: the checked environment, or a message naming each bad variable and exit code 1. */
export function checkEnvOrExit(): Env {
  try {
    return checkEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
