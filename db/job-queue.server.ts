// pg-boss on our own connections (decision 025). pg-boss never opens a pool here: it runs its SQL
// through an executeSql adapter on the connection we already have, so it works on PGlite (one in-process
// session, no LISTEN/NOTIFY: workers poll) and behind PgBouncer in transaction mode: at run time it
// sends single statements, each run here in a short transaction with unnamed statements only; its
// multi-statement scripts (schema creation and upgrades, with their own BEGIN/COMMIT) run only in the
// migration step.
//
//   migrateJobQueue(admin)  the migration step: pg-boss's schema and our queues, as emr_owner, then grants
//   openJobQueue(options)   a PgBoss on the application's connection, each statement in its own short
//                           transaction as emr_platform (like withPlatform: queue tables are global
//                           tables, which the tenant role never writes)
//   readJobStatus()         each queue's last run, last failure and backlog
import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { getAppConnection, getPglite, openAdminConnection } from "./client.server";
import { CRON_QUEUE, JOB_QUEUES, JOB_RETRY, JOB_SCHEMA } from "./job-queues";
import { type PlatformTx, rowsOf } from "./scope.server";

type Executor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
type Connection = Awaited<ReturnType<typeof openAdminConnection>>;
type PostgresClient = { unsafe(text: string, values?: unknown[], options?: { prepare?: boolean }): Promise<unknown> };
type PgliteClient = Awaited<ReturnType<typeof getPglite>>;
type PostgresPool = PostgresClient & { begin<T>(fn: (tx: PostgresClient) => Promise<T>): Promise<T> };

const QUEUE_ROLE = "emr_platform";

/**
 * pg-boss passes parameters as node-postgres takes them: undefined for null, objects for JSON.
 * postgres.js refuses undefined and wants JSON as text.
 */
const toParameter = (value: unknown): unknown =>
  value === undefined
    ? null
    : value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value)
    ? JSON.stringify(value)
    : value;

function postgresExecutor(client: PostgresClient): Executor {
  return {
    async executeSql(text, values) {
      // Unnamed statements only: nothing outlives the transaction on a pooled server connection.
      const result =
        values && values.length > 0 ? await client.unsafe(text, values.map(toParameter), { prepare: false }) : await client.unsafe(text);
      return { rows: Array.isArray(result) ? [...(result as Record<string, unknown>[])] : [] };
    },
  };
}

function pgliteExecutor(client: PgliteClient): Executor {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await client.query<Record<string, unknown>>(text, values.map(toParameter))).rows };
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
  };
}

async function executorOf(connection: Connection): Promise<Executor> {
  if (connection.engine === "pglite") return pgliteExecutor(await getPglite());
  return postgresExecutor((connection.db as unknown as { $client: PostgresClient }).$client);
}

/**
 * The runtime executor: every statement pg-boss sends (at run time they are all single statements) runs
 * in a transaction of its own with SET LOCAL ROLE emr_platform, so nothing outlives it on a pooled
 * connection and the application role itself holds no grant on the queue's tables.
 */
async function platformExecutor(): Promise<Executor> {
  const app = await getAppConnection();
  if (app.engine === "pglite") {
    const client = await getPglite();
    return {
      executeSql: (text, values) =>
        client.transaction(async (tx) => {
          await tx.query(`SET LOCAL ROLE ${QUEUE_ROLE}`);
          const result = await tx.query<Record<string, unknown>>(text, (values ?? []).map(toParameter));
          return { rows: result.rows };
        }),
    };
  }
  const pool = (app.db as unknown as { $client: PostgresPool }).$client;
  return {
    executeSql: (text, values) =>
      pool.begin(async (tx) => {
        await tx.unsafe(`SET LOCAL ROLE ${QUEUE_ROLE}`);
        return postgresExecutor(tx).executeSql(text, values);
      }),
  };
}

/**
 * Creates or upgrades pg-boss's schema and our queues. Runs in the migration step as emr_owner (queues
 * are partitions: creating one is DDL, which the application role may not do), then lets emr_platform
 * work them.
 */
export async function migrateJobQueue(admin: Connection): Promise<void> {
  const boss = new PgBoss({ db: await executorOf(admin), schema: JOB_SCHEMA, migrate: true, supervise: false, schedule: false });
  boss.on("error", () => {});
  await boss.start();
  for (const name of [...Object.values(JOB_QUEUES), CRON_QUEUE]) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, ...JOB_RETRY });
  }
  await boss.stop({ graceful: false, close: false, wait: true });
  await admin.exec(`
    GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${QUEUE_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${QUEUE_ROLE};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO ${QUEUE_ROLE};`);
}

export type JobQueueOptions = { supervise: boolean; schedule: boolean };

/** A PgBoss on the application's connection, as emr_platform. It does not create schema: migrateJobQueue did. */
export async function openJobQueue(options: JobQueueOptions): Promise<PgBoss> {
  return new PgBoss({ db: await platformExecutor(), schema: JOB_SCHEMA, migrate: false, ...options });
}

let sender: Promise<PgBoss> | null = null;

/**
 * Queues one job from a web request (a hospital's export, decision 053): its own short transaction as
 * emr_platform, after the request's own has committed. The payload carries ids only.
 */
export async function sendJob(queue: string, data: Record<string, string>, options: { expireInSeconds?: number } = {}): Promise<string | null> {
  sender ??= openJobQueue({ supervise: false, schedule: false }).then((boss) => {
    boss.on("error", () => {});
    return boss;
  });
  sender.catch(() => (sender = null));
  return (await sender).send(queue, data, options);
}

export type JobStatus = {
  queue: string;
  lastRun: Date | null;
  lastFailure: { at: Date; message: string | null } | null;
  backlog: number;
  active: number;
};

/** Per queue: the last completed run, the last failure (with its message) and what waits to run. */
export async function readJobStatus(): Promise<JobStatus[]> {
  const { rows } = await (await platformExecutor()).executeSql(
    `with jobs as (
       select name, state, completed_on, started_on, output from ${JOB_SCHEMA}.job where name = any($1::text[])
       union all
       select name, state, completed_on, started_on, output from ${JOB_SCHEMA}.archive where name = any($1::text[])
     )
     select q.name as queue,
            (select max(completed_on) from jobs j where j.name = q.name and j.state = 'completed') as last_run,
            f.at as failed_at, f.message as failure,
            (select count(*)::int from ${JOB_SCHEMA}.job j where j.name = q.name and j.state in ('created', 'retry')) as backlog,
            (select count(*)::int from ${JOB_SCHEMA}.job j where j.name = q.name and j.state = 'active') as active
     from unnest($1::text[]) as q(name)
     left join lateral (
       select coalesce(j.completed_on, j.started_on) as at, j.output ->> 'message' as message from jobs j
       where j.name = q.name and (j.state = 'failed' or (j.state = 'retry' and j.output is not null))
       order by coalesce(j.completed_on, j.started_on) desc nulls last limit 1
     ) f on true
     order by q.name`,
    [Object.values(JOB_QUEUES)],
  );
  const toDate = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
  return rows.map((r) => ({
    queue: String(r.queue),
    lastRun: toDate(r.last_run),
    lastFailure: r.failed_at ? { at: toDate(r.failed_at)!, message: (r.failure as string | null) ?? null } : null,
    backlog: Number(r.backlog),
    active: Number(r.active),
  }));
}

export type JobRun = {
  id: string;
  queue: string;
  state: string;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  retryCount: number;
  /** The error message of a failed run (payloads carry no patient data, decision 025). */
  message: string | null;
  /** The hospital a job names in its payload, if any (ours carry none today). */
  hospitalId: string | null;
};

/**
 * The newest runs of our queues, live and archived, for the console (issue 9): `state` narrows to one
 * state, `hospitalId` to jobs whose payload names that hospital. Read in the caller's platform transaction.
 */
export async function listJobRuns(
  p: PlatformTx,
  { state, hospitalId, limit = 50 }: { state?: string | null; hospitalId?: string | null; limit?: number } = {},
): Promise<JobRun[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await p.db.execute(sql`
      select id, name, state::text as state, created_on, started_on, completed_on, retry_count,
             output ->> 'message' as message, data ->> 'hospitalId' as hospital_id
      from (
        select id, name, state, created_on, started_on, completed_on, retry_count, output, data from ${sql.identifier(JOB_SCHEMA)}.job
        union all
        select id, name, state, created_on, started_on, completed_on, retry_count, output, data from ${sql.identifier(JOB_SCHEMA)}.archive
      ) j
      where name in ${Object.values(JOB_QUEUES)}
        and (${state ?? null}::text is null or state::text = ${state ?? null}::text)
        and (${hospitalId ?? null}::text is null or data ->> 'hospitalId' = ${hospitalId ?? null}::text)
      order by created_on desc limit ${limit}`),
  );
  const toDate = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
  return rows.map((r) => ({
    id: String(r.id),
    queue: String(r.name),
    state: String(r.state),
    createdOn: toDate(r.created_on)!,
    startedOn: toDate(r.started_on),
    completedOn: toDate(r.completed_on),
    retryCount: Number(r.retry_count),
    message: (r.message as string | null) ?? null,
    hospitalId: (r.hospital_id as string | null) ?? null,
  }));
}

/**
 * Puts a failed job back in the queue, as pg-boss's retry() does (state retry, one more attempt
 * allowed), in the caller's platform transaction so that the console's audit entry commits with it.
 * Answers whether a failed job of that queue and id was found.
 */
export async function retryFailedJob(p: PlatformTx, queue: string, id: string): Promise<boolean> {
  if (!(Object.values(JOB_QUEUES) as string[]).includes(queue)) return false;
  const rows = rowsOf<{ id: string }>(
    await p.db.execute(sql`
      update ${sql.identifier(JOB_SCHEMA)}.job set state = 'retry', retry_limit = retry_limit + 1
      where name = ${queue} and id = ${id}::uuid and state = 'failed' returning id`),
  );
  return rows.length > 0;
}
