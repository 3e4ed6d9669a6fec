// Signing, behind one module (decision 045). Today the signer re-confirms with their password (an
// "other electronic confirmation" that Circular 13/2025 Art. 3 accepts); a remote digital-signature
// service can replace it by implementing SignatureProvider and being returned by signatureProvider().
// What is recorded either way: method, signer, time, and the SHA-256 of the canonical signed content
// (kept beside it, so the hash can be checked again).
import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { signatures, type SignatureMethod } from "~db/schema";
import type { TenantTx } from "~db/scope.server";
import { confirmPassword } from "~/auth/confirm-password.server";

/** Who signs, how they proved it; handed from the provider to recordSignature. */
export type SignerConfirmation = { method: SignatureMethod; signerId: string; signerName: string };

export type ConfirmResult = { ok: true; confirmation: SignerConfirmation } | { ok: false; reason: "wrong-secret" } | { ok: false; reason: "locked"; retryAfterMinutes: number };

export interface SignatureProvider {
  readonly method: SignatureMethod;
  /** Proves the person is the signer now (password, PIN, a remote service's approval). Outside any tenant transaction. */
  confirm(input: { userId: string; displayName: string; secret: string; address: string }): Promise<ConfirmResult>;
}

export const passwordSignatureProvider: SignatureProvider = {
  method: "password",
  async confirm({ userId, displayName, secret, address }) {
    const result = await confirmPassword(userId, secret, address);
    if (result.ok) return { ok: true, confirmation: { method: "password", signerId: userId, signerName: displayName } };
    if (result.reason === "locked") return { ok: false, reason: "locked", retryAfterMinutes: result.lock.retryAfterMinutes };
    return { ok: false, reason: "wrong-secret" };
  },
};

/** The provider in use: one place to swap for a remote digital-signature service. */
export function signatureProvider(): SignatureProvider {
  return passwordSignatureProvider;
}

/** JSON with keys sorted at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function hashSignedContent(content: unknown): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

export type SignatureRecord = { id: string; method: SignatureMethod; signerName: string; signedAt: Date; contentHash: string; subject: "visit" | "addendum" };

export async function recordSignature(
  t: TenantTx,
  input: { visitId: string; patientId: string; subject: "visit" | "addendum"; subjectId: string; confirmation: SignerConfirmation; content: unknown },
): Promise<SignatureRecord> {
  const signedAt = new Date();
  const [row] = await t.db
    .insert(signatures)
    .values({
      tenantId: t.tenantId,
      visitId: input.visitId,
      patientId: input.patientId,
      subject: input.subject,
      subjectId: input.subjectId,
      method: input.confirmation.method,
      signerId: input.confirmation.signerId,
      signerName: input.confirmation.signerName,
      signedAt,
      contentHash: hashSignedContent(input.content),
      content: JSON.parse(canonicalJson(input.content)) as unknown,
    })
    .returning({ id: signatures.id, method: signatures.method, signerName: signatures.signerName, signedAt: signatures.signedAt, contentHash: signatures.contentHash, subject: signatures.subject });
  return row!;
}

export async function listSignatures(t: TenantTx, visitId: string): Promise<SignatureRecord[]> {
  return t.db
    .select({ id: signatures.id, method: signatures.method, signerName: signatures.signerName, signedAt: signatures.signedAt, contentHash: signatures.contentHash, subject: signatures.subject })
    .from(signatures)
    .where(and(eq(signatures.tenantId, t.tenantId), eq(signatures.visitId, visitId)))
    .orderBy(asc(signatures.signedAt));
}
