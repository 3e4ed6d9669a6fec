// Tokens in e-mailed links (verification, invitations): 32 random bytes, sent once; only SHA-256 of the
// token is stored, so a leaked table opens nothing.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

export function generateLinkToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(32)));
}

export function hashLinkToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A token as generateLinkToken makes them: anything else is refused without asking the database. */
export function isWellFormedLinkToken(token: unknown): token is string {
  return typeof token === "string" && /^[a-z2-7]{52}$/.test(token);
}

/**
 * An invitation's token starts with its hospital's id (32 hex digits, not a secret): the link names no
 * hospital otherwise, and the invitation is a tenant row, read under that hospital's row-level security.
 */
export function generateInvitationToken(tenantId: string): string {
  return `${tenantId.replace(/-/g, "")}${generateLinkToken()}`;
}

/** The hospital id an invitation token carries, or null when the token is not shaped like one. */
export function tenantOfInvitationToken(token: unknown): string | null {
  if (typeof token !== "string") return null;
  const m = /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})([a-z2-7]{52})$/.exec(token);
  return m ? `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}` : null;
}
