// Chain heads anchored outside the database (decision 023). A periodic job writes every hospital's
// chain head (seq, hash) to a new file in AUDIT_ANCHOR_DIR, signed with HMAC-SHA256 under
// AUDIT_ANCHOR_KEY, a key the database never holds. Whoever controls the database (even as superuser)
// can rewrite entries and re-chain so that the in-database check passes, but cannot make the entry at an
// anchored seq hash to what the anchor says, nor sign a new anchor. Ship the directory to storage the
// database's operators cannot rewrite (object storage with a retention lock) in production.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { rowsOf, withPlatform } from "./scope.server";

export const ANCHOR_FORMAT_VERSION = 1;
const MIN_KEY_LENGTH = 32;

export type AnchoredHead = { tenantId: string; seq: number; hash: string };
export type Anchor = { v: number; at: string; heads: AnchoredHead[]; mac: string };

export function anchorDirectory(): string {
  return process.env.AUDIT_ANCHOR_DIR ?? path.join(process.env.EMR_DATA_DIR ? path.dirname(process.env.EMR_DATA_DIR) : ".data", "audit-anchors");
}

/**
 * AUDIT_ANCHOR_KEY, or on a development machine a random key kept in a file beside the anchors (never
 * in the database). Production must set the variable: a key next to the anchors protects nothing.
 */
function anchorKey(): Buffer {
  const fromEnv = process.env.AUDIT_ANCHOR_KEY;
  if (fromEnv) {
    if (fromEnv.length < MIN_KEY_LENGTH) throw new Error(`AUDIT_ANCHOR_KEY must be at least ${MIN_KEY_LENGTH} characters`);
    return Buffer.from(fromEnv, "utf8");
  }
  if (process.env.NODE_ENV === "production") throw new Error("AUDIT_ANCHOR_KEY is not set");
  const keyFile = path.join(anchorDirectory(), "..", "audit-anchor.key");
  if (!existsSync(keyFile)) {
    mkdirSync(path.dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  return Buffer.from(readFileSync(keyFile, "utf8").trim(), "utf8");
}

function macOf(anchor: Omit<Anchor, "mac">): string {
  const canonical = JSON.stringify({ v: anchor.v, at: anchor.at, heads: anchor.heads.map((h) => [h.tenantId, h.seq, h.hash]) });
  return createHmac("sha256", anchorKey()).update(canonical).digest("hex");
}

/** Reads every chain head through the platform scope (ids and hashes only) and writes a signed anchor. */
export async function anchorAuditChains(now = new Date()): Promise<{ file: string; heads: number }> {
  const rows = await withPlatform("anchor audit chain heads", async (p) =>
    rowsOf<{ tenant_id: string; seq: string | number; hash: string }>(
      await p.db.execute(sql`select tenant_id, seq, hash from audit_chain_heads() order by tenant_id`),
    ),
  );
  const unsigned = { v: ANCHOR_FORMAT_VERSION, at: now.toISOString(), heads: rows.map((r) => ({ tenantId: r.tenant_id, seq: Number(r.seq), hash: r.hash })) };
  const anchor: Anchor = { ...unsigned, mac: macOf(unsigned) };
  const dir = anchorDirectory();
  mkdirSync(dir, { recursive: true });
  // One new file per anchor, never rewritten: the name sorts by time, and 'wx' refuses to overwrite.
  const file = path.join(dir, `anchor-${anchor.at.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(anchor)}\n`, { mode: 0o444, flag: "wx" });
  return { file, heads: anchor.heads.length };
}

export type LatestAnchor = { status: "none" } | { status: "invalid"; file: string } | { status: "ok"; file: string; anchor: Anchor };

/** The newest anchor file, its signature checked. A forged or altered anchor is reported, never trusted. */
export function readLatestAnchor(): LatestAnchor {
  const dir = anchorDirectory();
  if (!existsSync(dir)) return { status: "none" };
  const files = readdirSync(dir).filter((f) => f.startsWith("anchor-") && f.endsWith(".json")).sort();
  const newest = files.at(-1);
  if (!newest) return { status: "none" };
  const file = path.join(dir, newest);
  try {
    const anchor = JSON.parse(readFileSync(file, "utf8")) as Anchor;
    const expected = Buffer.from(macOf(anchor), "hex");
    const given = Buffer.from(String(anchor.mac), "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: "invalid", file };
    return { status: "ok", file, anchor };
  } catch {
    return { status: "invalid", file };
  }
}
