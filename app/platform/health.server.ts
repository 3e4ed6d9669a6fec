import { sql } from "drizzle-orm";
import { withPlatform } from "~db/scope.server";
import { logError } from "~/server/log.server";

export type DatabaseHealth = { ok: boolean; ms: number };

export async function checkDatabase(): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await withPlatform("health check", (p) => p.db.execute(sql`select 1`));
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    logError(error, { where: "health" });
    return { ok: false, ms: Math.round(performance.now() - started) };
  }
}
