// Security events (decision 024): refused attempts, recorded for operators at platform level. Each is
// written in its own short transaction, after the refused request's own work has ended (or rolled back),
// and carries no patient data. Recording never turns a refusal into a failure: if the insert fails, the
// event goes to the error log instead.
import { desc } from "drizzle-orm";
import { securityEvents, type SecurityEventKind } from "~db/schema";
import { withPlatform } from "~db/scope.server";
import { log, routeForLog } from "~/server/log.server";

export type SecurityEvent = {
  kind: SecurityEventKind;
  hospitalId?: string | null;
  userId?: string | null;
  /** The request, reduced to its route pattern (ids folded); never stored as given. */
  request?: Request;
  address?: string | null;
};

export async function recordSecurityEvent(event: SecurityEvent, at = new Date()): Promise<void> {
  const row = {
    kind: event.kind,
    hospitalId: event.hospitalId ?? null,
    userId: event.userId ?? null,
    route: event.request ? routeForLog(new URL(event.request.url).pathname) : null,
    address: event.address ?? null,
    at,
  };
  try {
    await withPlatform("record a security event", (p) => p.db.insert(securityEvents).values(row));
  } catch (error) {
    log("error", "security event not recorded", { ...row, at: at.toISOString(), error: error instanceof Error ? error.message : String(error) });
  }
}

/** The newest events first, for the operator console and scripts. */
export async function listSecurityEvents(limit = 100) {
  return withPlatform("list security events", (p) => p.db.select().from(securityEvents).orderBy(desc(securityEvents.at), desc(securityEvents.id)).limit(limit));
}
