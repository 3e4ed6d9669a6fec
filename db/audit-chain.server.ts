// Verifies a tenant's audit hash chain (decision 006): recomputes every entry's hash in SQL with the
// same audit_entry_hash() the trigger used, checks each link to the previous entry, that seq runs 1..N
// without a gap (a deleted row shows as one), and that the chain head agrees with the log.
//
// The log is read as emr_app through withTenant, i.e. under row-level security with the least privilege
// that can see it. The head (audit_heads) has no grant for emr_app by design, so it is read with the
// administrator's rights: operator tooling, never a request path.
import { sql } from "drizzle-orm";
import { databaseEngine, getPglite, openAdminConnection } from "./client.server";
import { isUuid, rowsOf, systemActor, withPlatform, withTenant } from "./scope.server";
import { tenants } from "./schema";

export type AuditChainResult = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

type Head = { seq: number; hash: string };

const ZERO_HASH = sql`decode(repeat('00', 32), 'hex')`;

type HeadReader = (tenantId: string) => Promise<Head | null>;

/**
 * Verifies one hospital's chain. Not inside withTenant/withPlatform: on PGlite (one session) the head
 * read waits for the open transaction and would never get its turn.
 */
export async function verifyAuditChain(tenantId: string): Promise<AuditChainResult> {
  return withHeadReader((readHead) => verify(tenantId, readHead));
}

async function verify(tenantId: string, readHead: HeadReader): Promise<AuditChainResult> {
  if (!isUuid(tenantId)) throw new Error("verifyAuditChain: tenantId must be a uuid");
  const actor = systemActor("audit-verify");

  // One statement, one snapshot: the scan, the first broken entry and the last entry agree.
  const [scan] = await withTenant(tenantId, actor, async (t) =>
    rowsOf<{
      entries: number;
      last_seq: string | number | null;
      last_hash: string | null;
      broken_expected: string | number | null;
      broken_seq: string | number | null;
      problem: string | null;
    }>(
      await t.db.execute(sql`
        with chain as (
          select a.seq, a.hash, a.prev_hash,
                 audit_entry_hash(a.prev_hash, a) as recomputed,
                 lag(a.hash) over w as previous_hash,
                 row_number() over w as expected_seq
          from audit_events a
          where a.tenant_id = ${tenantId}
          window w as (order by a.seq)
        ),
        broken as (
          select expected_seq, seq,
                 case when seq <> expected_seq then 'gap'
                      when prev_hash <> coalesce(previous_hash, ${ZERO_HASH}) then 'link'
                      else 'hash' end as problem
          from chain
          where seq <> expected_seq
             or prev_hash <> coalesce(previous_hash, ${ZERO_HASH})
             or recomputed is distinct from hash
          order by seq
          limit 1
        )
        select (select count(*)::int from chain) as entries,
               (select seq from chain order by seq desc limit 1) as last_seq,
               (select encode(hash, 'hex') from chain order by seq desc limit 1) as last_hash,
               (select expected_seq from broken) as broken_expected,
               (select seq from broken) as broken_seq,
               (select problem from broken) as problem`),
    ),
  );
  const entries = Number(scan!.entries);
  if (scan!.problem) {
    const seq = Number(scan!.broken_seq);
    const expected = Number(scan!.broken_expected);
    switch (scan!.problem) {
      case "gap":
        return { ok: false, entries, brokenAt: expected, reason: `entry seq ${expected} is missing (the next entry is seq ${seq})` };
      case "link":
        return { ok: false, entries, brokenAt: seq, reason: `prev_hash does not match the hash of entry seq ${seq - 1}` };
      default:
        return { ok: false, entries, brokenAt: seq, reason: "hash does not match the entry's content" };
    }
  }

  // The head is read after the scan: appends commit together with their head update, so a healthy head
  // is never behind the scanned log, only ahead of it by appends that committed since.
  const head = await readHead(tenantId);
  const lastSeq = scan!.last_seq === null ? 0 : Number(scan!.last_seq);
  if (!head) {
    return entries === 0 ? { ok: true, entries } : { ok: false, entries, brokenAt: lastSeq, reason: "the chain head is missing" };
  }
  if (head.seq < lastSeq) {
    return {
      ok: false,
      entries,
      brokenAt: head.seq + 1,
      reason: `the chain head is at seq ${head.seq} but the log goes on to seq ${lastSeq} (entries not appended through the chain)`,
    };
  }
  if (head.seq === lastSeq) {
    if (head.seq > 0 && head.hash !== scan!.last_hash) {
      return { ok: false, entries, brokenAt: lastSeq, reason: `the chain head's hash does not match entry seq ${lastSeq}` };
    }
    return { ok: true, entries };
  }
  // The head is ahead: either appends committed meanwhile, or the tail of the log was deleted. A later
  // statement sees everything committed before it, so the entry the head names must now exist.
  const [atHead] = await withTenant(tenantId, actor, async (t) =>
    rowsOf<{ hash: string; through: number }>(
      await t.db.execute(sql`
        select encode(hash, 'hex') as hash,
               (select count(*)::int from audit_events where tenant_id = ${tenantId} and seq <= ${head.seq}) as through
        from audit_events where tenant_id = ${tenantId} and seq = ${head.seq}`),
    ),
  );
  if (!atHead || Number(atHead.through) !== head.seq) {
    return {
      ok: false,
      entries,
      brokenAt: lastSeq + 1,
      reason: `entries after seq ${lastSeq} are missing (the chain head is at seq ${head.seq})`,
    };
  }
  if (atHead.hash !== head.hash) {
    return { ok: false, entries, brokenAt: head.seq, reason: `the chain head's hash does not match entry seq ${head.seq}` };
  }
  return { ok: true, entries };
}

/** Lends `fn` a reader of chain heads, with one administrator connection for all the tenants it reads. */
async function withHeadReader<T>(fn: (readHead: HeadReader) => Promise<T>): Promise<T> {
  const toHead = (row: { seq: string | number; hash: string } | undefined): Head | null =>
    row ? { seq: Number(row.seq), hash: row.hash } : null;
  if (databaseEngine() === "postgres") {
    const admin = await openAdminConnection();
    try {
      return await fn(async (tenantId) => {
        const rows = rowsOf<{ seq: string | number; hash: string }>(
          await admin.db.execute(sql`select seq, encode(hash, 'hex') as hash from audit_heads where tenant_id = ${tenantId} and id = 'chain'`),
        );
        return toHead(rows[0]);
      });
    } finally {
      await admin.close();
    }
  }
  // PGlite: one session shared with the application. A transaction holds PGlite's lock, so nothing else
  // runs while the role is raised, and SET LOCAL ends with it: the session stays emr_app.
  const pglite = await getPglite();
  return fn((tenantId) =>
    pglite.transaction(async (tx) => {
      await tx.exec("SET LOCAL ROLE NONE");
      const { rows } = await tx.query<{ seq: string | number; hash: string }>(
        `select seq, encode(hash, 'hex') as hash from audit_heads where tenant_id = $1 and id = 'chain'`,
        [tenantId],
      );
      return toHead(rows[0]);
    }),
  );
}

export type TenantVerification = { slug: string; tenantId: string; result: AuditChainResult };

/** Resolves hospital slugs (or every hospital) through the platform scope and verifies each chain. */
export async function verifyAuditChains(target: { all: true } | { slugs: string[] }): Promise<{
  verified: TenantVerification[];
  unknownSlugs: string[];
}> {
  const registry = await withPlatform("audit chain verification: resolve hospitals", (p) =>
    p.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants).orderBy(tenants.slug),
  );
  const wanted = "all" in target ? registry : registry.filter((t) => target.slugs.includes(t.slug));
  const unknownSlugs = "all" in target ? [] : target.slugs.filter((s) => !registry.some((t) => t.slug === s));
  const verified: TenantVerification[] = [];
  await withHeadReader(async (readHead) => {
    for (const tenant of wanted) verified.push({ slug: tenant.slug, tenantId: tenant.id, result: await verify(tenant.id, readHead) });
  });
  return { verified, unknownSlugs };
}

export function formatVerification({ slug, result }: TenantVerification): string {
  return result.ok ? `${slug}: ok ${result.entries} entries` : `${slug}: BROKEN at seq ${result.brokenAt}: ${result.reason}`;
}
