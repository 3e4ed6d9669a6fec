// Chains and verifies each tenant's audit log (decisions 006, 022, 023).
//
// Chaining: entries are written unchained in the reader's transaction; chainAuditBacklog() links them
// just after commit, one hospital at a time, through audit_chain_backlog() (one chainer per hospital).
//
// Verifying: recomputes every chained entry's hash in SQL with the same audit_entry_hash() the chainer
// used, checks each link to the previous entry, that seq runs 1..N without a gap (a deleted row shows as
// one), that the chain head agrees with the log, reports the unchained backlog, and (verifyAuditChains)
// checks the chain against the latest signed anchor kept outside the database.
//
// The log is read as emr_app through withTenant, i.e. under row-level security with the least privilege
// that can see it. The head (audit_heads) has no grant for emr_app by design, so it is read with the
// administrator's rights: operator tooling, never a request path.
import { sql } from "drizzle-orm";
import { type AnchoredHead, readLatestAnchor } from "./audit-anchor.server";
import { databaseEngine, getPglite, openAdminConnection } from "./client.server";
import { isUuid, rowsOf, systemActor, withPlatform, withTenant } from "./scope.server";
import { tenants } from "./schema";

/** `entries` counts chained entries; `unchained` is the backlog the chainer has not linked yet. */
export type AuditChainResult =
  | { ok: true; entries: number; unchained: number }
  | { ok: false; entries: number; unchained: number; brokenAt: number; reason: string };

/** How many entries one call of the chainer links at most: bounds the transaction, not the backlog. */
const CHAIN_BATCH = 1000;

export type Backlog = { tenantId: string; pending: number; oldest: Date };

/** Hospitals with unchained entries, through the platform scope (tenant ids and counts only). */
export async function listAuditBacklog(): Promise<Backlog[]> {
  const rows = await withPlatform("list the audit chain backlog", async (p) =>
    rowsOf<{ tenant_id: string; pending: string | number; oldest: string | Date }>(
      await p.db.execute(sql`select tenant_id, pending, oldest from audit_backlog() order by oldest`),
    ),
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, pending: Number(r.pending), oldest: new Date(r.oldest) }));
}

/**
 * Links one hospital's unchained entries until none is left, in batches of CHAIN_BATCH, each its own
 * transaction. Returns how many it linked; 0 also when another chainer holds this hospital right now.
 */
export async function chainTenantBacklog(tenantId: string): Promise<number> {
  if (!isUuid(tenantId)) throw new Error("chainTenantBacklog: tenantId must be a uuid");
  let total = 0;
  for (;;) {
    const [row] = await withPlatform("chain a hospital's audit backlog", async (p) =>
      rowsOf<{ linked: number }>(await p.db.execute(sql`select audit_chain_backlog(${tenantId}::uuid, ${CHAIN_BATCH}) as linked`)),
    );
    const linked = Number(row?.linked ?? 0);
    total += linked;
    if (linked < CHAIN_BATCH) return total;
  }
}

/** The chainer job: every hospital with a backlog, one after another. Idempotent. */
export async function chainAuditBacklog(): Promise<{ tenants: number; linked: number }> {
  let linked = 0;
  const backlog = await listAuditBacklog();
  for (const { tenantId } of backlog) linked += await chainTenantBacklog(tenantId);
  return { tenants: backlog.length, linked };
}

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
      unchained: number;
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
          where a.tenant_id = ${tenantId} and a.seq is not null
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
               (select count(*)::int from audit_events where tenant_id = ${tenantId} and seq is null) as unchained,
               (select expected_seq from broken) as broken_expected,
               (select seq from broken) as broken_seq,
               (select problem from broken) as problem`),
    ),
  );
  const entries = Number(scan!.entries);
  const unchained = Number(scan!.unchained);
  const broken = (brokenAt: number, reason: string): AuditChainResult => ({ ok: false, entries, unchained, brokenAt, reason });
  if (scan!.problem) {
    const seq = Number(scan!.broken_seq);
    const expected = Number(scan!.broken_expected);
    switch (scan!.problem) {
      case "gap":
        return broken(expected, `entry seq ${expected} is missing (the next entry is seq ${seq})`);
      case "link":
        return broken(seq, `prev_hash does not match the hash of entry seq ${seq - 1}`);
      default:
        return broken(seq, "hash does not match the entry's content");
    }
  }

  // The head is read after the scan: appends commit together with their head update, so a healthy head
  // is never behind the scanned log, only ahead of it by appends that committed since.
  const head = await readHead(tenantId);
  const lastSeq = scan!.last_seq === null ? 0 : Number(scan!.last_seq);
  if (!head) {
    return entries === 0 ? { ok: true, entries, unchained } : broken(lastSeq, "the chain head is missing");
  }
  if (head.seq < lastSeq) {
    return broken(head.seq + 1, `the chain head is at seq ${head.seq} but the log goes on to seq ${lastSeq} (entries linked around the chainer)`);
  }
  if (head.seq === lastSeq) {
    if (head.seq > 0 && head.hash !== scan!.last_hash) {
      return broken(lastSeq, `the chain head's hash does not match entry seq ${lastSeq}`);
    }
    return { ok: true, entries, unchained };
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
    return broken(lastSeq + 1, `entries after seq ${lastSeq} are missing (the chain head is at seq ${head.seq})`);
  }
  if (atHead.hash !== head.hash) {
    return broken(head.seq, `the chain head's hash does not match entry seq ${head.seq}`);
  }
  return { ok: true, entries, unchained };
}

const toHead = (row: { seq: string | number; hash: string } | undefined): Head | null => (row ? { seq: Number(row.seq), hash: row.hash } : null);

/**
 * Where the verifier reads chain heads: "admin" (the command, `npm run audit:verify`, with the
 * administrator's connection) or "platform" (the web console, whose process has only the application's
 * login): audit_chain_heads(), the audit owner's definer function granted to emr_platform (migration
 * 0009), which reads the same table.
 */
export type HeadSource = "admin" | "platform";

/** Lends `fn` a reader of chain heads, with one administrator connection for all the tenants it reads. */
async function withHeadReader<T>(fn: (readHead: HeadReader) => Promise<T>, source: HeadSource = "admin"): Promise<T> {
  if (source === "platform") {
    return fn(async (tenantId) => {
      const rows = await withPlatform("audit chain verification: a chain head", async (p) =>
        rowsOf<{ seq: string | number; hash: string }>(await p.db.execute(sql`select seq, hash from audit_chain_heads() where tenant_id = ${tenantId}`)),
      );
      return toHead(rows[0]);
    });
  }
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

export type AnchorCheck =
  | { status: "ok"; seq: number; at: string }
  | { status: "not-anchored" }
  | { status: "no-anchor" }
  | { status: "invalid-anchor"; file: string }
  | { status: "mismatch"; seq: number; at: string; reason: string };

/**
 * Checks a chain against its anchored head: the entry at the anchored seq must still exist and hash to
 * what the anchor says. A rewrite that was re-chained inside the database passes verifyAuditChain but
 * fails here, because nobody without the anchor key can move the anchor.
 */
export async function checkAgainstAnchor(tenantId: string, head: AnchoredHead | undefined, at: string): Promise<AnchorCheck> {
  if (!head) return { status: "not-anchored" };
  const [row] = await withTenant(tenantId, systemActor("audit-verify"), async (t) =>
    rowsOf<{ hash: string }>(
      await t.db.execute(sql`select encode(hash, 'hex') as hash from audit_events where tenant_id = ${tenantId} and seq = ${head.seq}`),
    ),
  );
  if (!row) return { status: "mismatch", seq: head.seq, at, reason: `entry seq ${head.seq}, anchored at ${at}, is missing` };
  if (row.hash !== head.hash) {
    return { status: "mismatch", seq: head.seq, at, reason: `entry seq ${head.seq} no longer hashes to the anchor of ${at}: history was rewritten` };
  }
  return { status: "ok", seq: head.seq, at };
}

export type TenantVerification = { slug: string; tenantId: string; result: AuditChainResult; anchor: AnchorCheck };

export const verificationPassed = (v: TenantVerification): boolean =>
  v.result.ok && v.anchor.status !== "mismatch" && v.anchor.status !== "invalid-anchor";

/** Resolves hospital slugs (or every hospital) through the platform scope, verifies each chain and checks it against the latest anchor. */
export async function verifyAuditChains(target: { all: true } | { slugs: string[] }, heads: HeadSource = "admin"): Promise<{
  verified: TenantVerification[];
  unknownSlugs: string[];
}> {
  const registry = await withPlatform("audit chain verification: resolve hospitals", (p) =>
    p.db.select({ id: tenants.id, slug: tenants.slug }).from(tenants).orderBy(tenants.slug),
  );
  const wanted = "all" in target ? registry : registry.filter((t) => target.slugs.includes(t.slug));
  const unknownSlugs = "all" in target ? [] : target.slugs.filter((s) => !registry.some((t) => t.slug === s));
  const latest = readLatestAnchor();
  const verified: TenantVerification[] = [];
  await withHeadReader(async (readHead) => {
    for (const tenant of wanted) {
      const result = await verify(tenant.id, readHead);
      const anchor: AnchorCheck =
        latest.status === "none"
          ? { status: "no-anchor" }
          : latest.status === "invalid"
            ? { status: "invalid-anchor", file: latest.file }
            : await checkAgainstAnchor(tenant.id, latest.anchor.heads.find((h) => h.tenantId === tenant.id), latest.anchor.at);
      verified.push({ slug: tenant.slug, tenantId: tenant.id, result, anchor });
    }
  }, heads);
  return { verified, unknownSlugs };
}

function describeAnchor(anchor: AnchorCheck): string {
  switch (anchor.status) {
    case "ok":
      return `anchored through seq ${anchor.seq} at ${anchor.at}`;
    case "not-anchored":
      return "not in the latest anchor yet";
    case "no-anchor":
      return "no anchor found";
    case "invalid-anchor":
      return `ANCHOR INVALID: ${anchor.file} fails its signature`;
    case "mismatch":
      return `ANCHOR MISMATCH: ${anchor.reason}`;
  }
}

export function formatVerification({ slug, result, anchor }: TenantVerification): string {
  const chain = result.ok ? `${slug}: ok ${result.entries} entries` : `${slug}: BROKEN at seq ${result.brokenAt}: ${result.reason}`;
  return `${chain}; ${result.unchained} unchained; ${describeAnchor(anchor)}`;
}
