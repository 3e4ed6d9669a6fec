// The only ways into the database (docs/architecture.md §2). Each begins a transaction and hands `fn` a scoped
// handle; nothing else in the application holds a connection.
//
//   withTenant(tenantId, actor, fn)  one hospital's data, as emr_app, under row-level security
//   withPlatform(reason, fn)         the tenant registry, as emr_platform, which has no grant on any
//                                    patient-data table, password hash, session or sign-in attempt
//   withIdentity(reason, fn)         sign-in identities (users, password hashes, sessions, sign-in
//                                    attempts), as emr_identity, which has no grant on the registry or
//                                    any tenant table; only app/auth/ may call it (check-boundaries)
import { sql } from "drizzle-orm";
import { getAppConnection, type Transaction } from "./client.server";
import { auditEvents } from "./schema";

export type ActorKind = "user" | "system" | "support";

/** Who is acting: recorded on every audit entry the transaction writes. */
export type Actor = {
  kind: ActorKind;
  userId: string | null;
  /** The client's address, for the audit log. */
  address?: string | null;
};

export const systemActor = (name: string): Actor => ({ kind: "system", userId: null, address: name });

export type AuditEntry = {
  action: string;
  entityType?: string;
  entityId?: string;
  patientId?: string;
  details?: Record<string, unknown>;
};

export type TenantTx = {
  readonly db: Transaction;
  readonly tenantId: string;
  readonly actor: Actor;
  /**
   * Records "read patient X" or "searched patients" in this tenant's audit log, in this transaction:
   * if it fails, nothing is recorded because nothing happened. Entries are written unchained, with no
   * lock; the chainer links them just after commit (decision 022). The database fills actor, address
   * and time from the transaction's settings.
   */
  audit(entry: AuditEntry): void;
};

export type PlatformTx = {
  readonly db: Transaction;
  readonly reason: string;
};

/**
 * The platform scope reached from the identity scope (sign-up, accepting an invitation): it may go on,
 * in the same transaction, as one hospital's tenant scope, so that a person, their hospital and their
 * membership commit together or not at all (docs/decisions/031-one-transaction-sign-up.md). The
 * platform grants end there; the tenant scope is exactly withTenant's.
 */
export type IdentityPlatformTx = PlatformTx & {
  continueAsTenant<T>(tenantId: string, actor: Actor, fn: (t: TenantTx) => Promise<T>): Promise<T>;
};

export type IdentityTx = {
  readonly db: Transaction;
  readonly reason: string;
  /**
   * Continues this transaction as the platform scope (emr_platform), for good: the identity grants end
   * here. A page's session check and its membership lookup share one transaction this way, a begin and a
   * commit fewer per page (docs/decisions/030-serving-speed.md).
   */
  continueAsPlatform<T>(reason: string, fn: (p: IdentityPlatformTx) => Promise<T>): Promise<T>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export async function withTenant<T>(tenantId: string, actor: Actor, fn: (t: TenantTx) => Promise<T>): Promise<T> {
  checkTenantArguments("withTenant", tenantId, actor);
  const { db } = await getAppConnection();
  return db.transaction(async (tx) => {
    await bindTenant(tx, tenantId, actor);
    return runAsTenant(tx, tenantId, actor, fn);
  });
}

function checkTenantArguments(caller: string, tenantId: string, actor: Actor): void {
  if (!isUuid(tenantId)) throw new Error(`${caller}: tenantId must be a uuid`);
  if (actor.userId !== null && !isUuid(actor.userId)) throw new Error(`${caller}: actor.userId must be a uuid`);
}

/** Binds the transaction to a tenant and an actor, and checks it runs as emr_app. */
async function bindTenant(tx: Transaction, tenantId: string, actor: Actor, backToAppRole = false): Promise<void> {
  // Transaction-local and parameter-bound: nothing survives on the pooled connection (docs/stack.md).
  // After a platform or identity scope, the role goes back to emr_app for the rest of the transaction.
  if (backToAppRole) await tx.execute(sql`select set_config('role', 'emr_app', true)`);
  const [session] = rowsOf<{ role: string }>(
    await tx.execute(
      sql`select current_user::text as role,
                 set_config('app.tenant_id', ${tenantId}, true),
                 set_config('app.actor_id', ${actor.userId ?? ""}, true),
                 set_config('app.actor_kind', ${actor.kind}, true),
                 set_config('app.address', ${actor.address ?? ""}, true)`,
    ),
  );
  // Fail closed: a superuser or any other role would not be bound by row-level security.
  if (session?.role !== "emr_app") throw new Error(`withTenant: refusing to run as ${session?.role ?? "unknown role"}`);
}

/** The tenant scope inside a transaction bound by bindTenant: the work, then its read-audit entries. */
async function runAsTenant<T>(tx: Transaction, tenantId: string, actor: Actor, fn: (t: TenantTx) => Promise<T>): Promise<T> {
  const pending: AuditEntry[] = [];
  const scope: TenantTx = { db: tx, tenantId, actor, audit: (entry) => void pending.push(entry) };
  const result = await fn(scope);
  if (pending.length > 0) {
    await tx.insert(auditEvents).values(
      pending.map((entry) => ({
        tenantId,
        actorId: actor.userId,
        actorKind: actor.kind,
        address: actor.address ?? null,
        action: entry.action,
        entityType: entry.entityType ?? null,
        entityId: entry.entityId ?? null,
        patientId: entry.patientId ?? null,
        details: entry.details ?? null,
      })),
    );
  }
  return result;
}

/** Cross-tenant platform work. `reason` says why, for the logs and for whoever reads the call site. */
export async function withPlatform<T>(reason: string, fn: (p: PlatformTx) => Promise<T>): Promise<T> {
  return withScopeRole("emr_platform", reason, fn);
}

/** Sign-in work: identities, password hashes, sessions, throttling. Only app/auth/ may import this. */
export async function withIdentity<T>(reason: string, fn: (i: IdentityTx) => Promise<T>): Promise<T> {
  return withScopeRole("emr_identity", reason, ({ db, reason }) =>
    fn({
      db,
      reason,
      continueAsPlatform: async (platformReason, platformFn) => {
        await setScopeRole(db, "emr_platform", platformReason);
        return platformFn({
          db,
          reason: platformReason,
          continueAsTenant: (tenantId, actor, tenantFn) => {
            checkTenantArguments("continueAsTenant", tenantId, actor);
            return bindTenant(db, tenantId, actor, true).then(() => runAsTenant(db, tenantId, actor, tenantFn));
          },
        });
      },
    }),
  );
}

// The role is one of two fixed names, never input. Transaction-local (set_config's third argument), so
// the pooled connection is emr_app again when the transaction ends.
async function withScopeRole<T>(
  role: "emr_platform" | "emr_identity",
  reason: string,
  fn: (scope: { db: Transaction; reason: string }) => Promise<T>,
): Promise<T> {
  const { db } = await getAppConnection();
  return db.transaction(async (tx) => {
    await setScopeRole(tx, role, reason);
    return fn({ db: tx, reason });
  });
}

async function setScopeRole(tx: Transaction, role: "emr_platform" | "emr_identity", reason: string): Promise<void> {
  // One round trip for both (set_config('role', ..., true) is SET LOCAL ROLE): every page validates
  // its session and membership in these scopes, so each statement saved counts.
  await tx.execute(sql`select set_config('role', ${role}, true), set_config('app.scope_reason', ${reason}, true)`);
}

/** Rows of a raw `execute` on either engine (postgres.js returns an array, PGlite `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export { closeDatabase } from "./client.server";
