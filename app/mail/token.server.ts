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
