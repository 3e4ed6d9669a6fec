// npm run bench:http: serving speed and memory of the production build on Postgres
// (docs/decisions/030-serving-speed.md). Starts the real server (scripts/start.ts) on loopback, once as
// one process and once clustered, signs in through the real sign-in form, then loads the patient record
// page and the patient list with autocannon and prints rps, latency, non-2xx answers, and the peak RSS
// and CPU time of the server processes (read from /proc).
//
// Builds nothing: run `npm run build` first, with DATABASE_URL pointing at a migrated database that has
// the hospital below (`npm run bench:data`; or BENCH_HOSPITAL=bv-tam-nong BENCH_EMAIL=bacsi@tam-nong.demo
// after `npm run db:seed`). Every page it loads is an audited read, and audit rows are never deleted:
// point it at a scratch or benchmark database, not one whose audit log matters.
//
//   BENCH_HOSPITAL    hospital slug                   default bench-big
//   BENCH_EMAIL       a member of it                  default bench@bench.demo
//   BENCH_PASSWORD                                    default khambenh2026
//   BENCH_DURATION    seconds per measurement         default 10
//   BENCH_CONNECTIONS comma-separated                 default 10,50
//   BENCH_PROCESSES   server process counts to try    default 1,<cores>
//   BENCH_PORT                                        default 3190
//   NODE_OPTIONS      for the server                  default --max-old-space-size=192, as infra/Dockerfile
//
// The server runs with NODE_ENV=production, so its session cookie is `__Host-emr_session` and Secure. A
// browser would refuse to keep such a cookie over plain http; this client is not a browser and sends it
// back as received. The server reads the cookie by name and never looks at the transport (TLS ends at
// the proxy in production), so the pages measured are exactly the production ones.
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

const settings = {
  hospital: process.env.BENCH_HOSPITAL ?? "bench-big",
  email: process.env.BENCH_EMAIL ?? "bench@bench.demo",
  password: process.env.BENCH_PASSWORD ?? "khambenh2026",
  duration: Number(process.env.BENCH_DURATION ?? 10),
  connections: (process.env.BENCH_CONNECTIONS ?? "10,50").split(",").map(Number),
  processes: (process.env.BENCH_PROCESSES ?? [...new Set([1, availableParallelism()])].join(",")).split(",").map(Number),
  port: Number(process.env.BENCH_PORT ?? 3190),
};
const WARM_UP_SECONDS = 3;
const CONTAINER_NODE_OPTIONS = "--max-old-space-size=192";
const START_TIMEOUT_MS = 60_000;
/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;
const origin = `http://127.0.0.1:${settings.port}`;

type Row = {
  page: string;
  processes: number;
  connections: number;
  rps: number;
  rpsPerProcess: number;
  requestsPerCpuSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  non2xx: number;
  errors: number;
  peakRssMb: number;
};

function fail(message: string): never {
  console.error(`bench:http: ${message}`);
  process.exit(1);
}

if (!process.env.DATABASE_URL) fail("DATABASE_URL is not set: this benchmark measures the Postgres engine.");
if (!existsSync("build/server/index.js")) fail("no production build: run `npm run build` first.");
if ([settings.duration, settings.port, ...settings.connections, ...settings.processes].some((n) => !Number.isInteger(n) || n < 1)) {
  fail("BENCH_DURATION, BENCH_PORT, BENCH_CONNECTIONS and BENCH_PROCESSES take whole positive numbers.");
}

// ---- the server and its processes ----

let server: ChildProcess | undefined;

async function startServer(processes: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(settings.port),
      WEB_CONCURRENCY: String(processes),
      // The heap cap the container runs with (infra/Dockerfile); NODE_OPTIONS set for the bench wins.
      NODE_OPTIONS: process.env.NODE_OPTIONS ?? CONTAINER_NODE_OPTIONS,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`the server exited (${child.exitCode}):\n${stderr}`);
    const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
    // Clustered: wait until every worker has started, or the first requests measure start-up.
    if (ok && serverPids(child.pid!).length >= processes) return child;
    await sleep(250);
  }
  child.kill("SIGTERM");
  fail(`the server did not answer /healthz within ${START_TIMEOUT_MS / 1000} s:\n${stderr}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

type ProcStat = { ppid: number; comm: string; cpuTicks: number };

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces; the fields after it are positional.
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    return { ppid: Number(fields[1]), comm, cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function readRssBytes(pid: number): number {
  try {
    const resident = readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1];
    return Number(resident) * PAGE_BYTES;
  } catch {
    return 0;
  }
}

/** The node processes serving: the started process, and its node children when clustered. */
function serverPids(rootPid: number): number[] {
  const children = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      const stat = readStat(pid);
      return stat !== null && stat.ppid === rootPid && stat.comm === "node";
    });
  return children.length > 0 ? children : [rootPid];
}

/** Samples the serving processes' memory while a measurement runs; returns peak RSS and CPU used. */
function watchServer(rootPid: number) {
  const pids = serverPids(rootPid);
  const all = [...pids, ...(pids.includes(rootPid) ? [] : [rootPid])];
  const ticks = () => all.reduce((sum, pid) => sum + (readStat(pid)?.cpuTicks ?? 0), 0);
  const startTicks = ticks();
  let peak = 0;
  const sample = () => {
    for (const pid of pids) peak = Math.max(peak, readRssBytes(pid));
  };
  sample();
  const timer = setInterval(sample, 200);
  return () => {
    clearInterval(timer);
    sample();
    return { peakRssBytes: peak, cpuSeconds: (ticks() - startTicks) / TICKS_PER_SECOND };
  };
}

// ---- signing in, as a person would ----

async function signIn(): Promise<string> {
  const response = await fetch(`${origin}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email: settings.email, password: settings.password, redirectTo: "/h" }),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (response.status !== 302 || !cookies.some((c) => c.startsWith("__Host-emr_session="))) {
    fail(`signing in as ${settings.email} did not give a session (status ${response.status}). Is the dataset there?`);
  }
  return cookies.join("; ");
}

async function findPatientPath(cookie: string): Promise<string> {
  const listPath = `/h/${settings.hospital}/patients`;
  const response = await fetch(`${origin}${listPath}`, { headers: { Cookie: cookie }, redirect: "manual" });
  if (response.status !== 200) fail(`${listPath} answered ${response.status}: is ${settings.email} a member of ${settings.hospital}?`);
  const match = new RegExp(`${listPath}/[0-9a-f-]{36}`).exec(await response.text());
  if (!match) fail(`${listPath} lists no patient.`);
  return match[0];
}

// ---- measuring ----

async function load(path: string, cookie: string, connections: number, duration: number) {
  return autocannon({ url: `${origin}${path}`, connections, duration, headers: { Cookie: cookie } });
}

async function measure(processes: number): Promise<Row[]> {
  server = await startServer(processes);
  const rootPid = server.pid!;
  const cookie = await signIn();
  const pages = { record: await findPatientPath(cookie), list: `/h/${settings.hospital}/patients` };
  await load(pages.record, cookie, 10, WARM_UP_SECONDS);
  await load(pages.list, cookie, 10, WARM_UP_SECONDS);

  const rows: Row[] = [];
  for (const [page, path] of Object.entries(pages)) {
    for (const connections of settings.connections) {
      const finish = watchServer(rootPid);
      const result = await load(path, cookie, connections, settings.duration);
      const { peakRssBytes, cpuSeconds } = finish();
      const completed = result.requests.total;
      rows.push({
        page,
        processes,
        connections,
        rps: round(result.requests.average),
        rpsPerProcess: round(result.requests.average / processes),
        requestsPerCpuSecond: cpuSeconds > 0 ? round(completed / cpuSeconds) : 0,
        p50: result.latency.p50,
        p97_5: result.latency.p97_5,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        peakRssMb: round(peakRssBytes / 1024 / 1024),
      });
      process.stderr.write(`  ${page} at ${connections} connections, ${processes} process(es): ${round(result.requests.average)} rps\n`);
    }
  }
  await stopServer(server);
  server = undefined;
  return rows;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

process.on("SIGINT", () => {
  server?.kill("SIGTERM");
  process.exit(130);
});

try {
  console.error(
    `bench:http: ${settings.hospital} as ${settings.email}, ${settings.duration} s per run, ${availableParallelism()} cores, ` +
      `server processes ${settings.processes.join(" and ")}`,
  );
  const rows: Row[] = [];
  for (const processes of settings.processes) rows.push(...(await measure(processes)));
  console.log(
    "\nrps/process: requests per second divided by server processes. req/CPU-s: requests per second of CPU the\n" +
      "server processes used (the per-core figure that holds on a machine shared with the load generator and Postgres).\n",
  );
  console.table(
    rows.map((r) => ({
      page: r.page,
      procs: r.processes,
      conns: r.connections,
      rps: r.rps,
      "rps/process": r.rpsPerProcess,
      "req/CPU-s": r.requestsPerCpuSecond,
      "p50 ms": r.p50,
      "p97.5 ms": r.p97_5,
      "p99 ms": r.p99,
      non2xx: r.non2xx,
      errors: r.errors,
      "peak RSS MB/process": r.peakRssMb,
    })),
  );
  mkdirSync(".data/reports", { recursive: true });
  writeFileSync(".data/reports/bench-http.json", JSON.stringify({ settings, cores: availableParallelism(), rows }, null, 2));
} finally {
  if (server) await stopServer(server);
}
