// How many HTTP server processes to run (scripts/start.ts). Pure, so that the rule is unit-tested.

export type ServerProcessPlan = { processes: number; reason: string };

export function serverProcessCount(env: Record<string, string | undefined>, cores: number): ServerProcessPlan {
  // PGlite is a whole database inside the process and its data folder opens once: one process only.
  if (!env.DATABASE_URL) return { processes: 1, reason: "embedded PGlite runs in one process" };
  const raw = env.WEB_CONCURRENCY?.trim();
  if (raw === undefined || raw === "") return { processes: Math.max(1, cores), reason: "one per core" };
  const wanted = Number(raw);
  if (!Number.isInteger(wanted) || wanted < 1) {
    throw new Error(`WEB_CONCURRENCY must be a whole number of processes, 1 or more (got "${raw}")`);
  }
  return { processes: wanted, reason: "WEB_CONCURRENCY" };
}
