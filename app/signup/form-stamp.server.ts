// Refusing bots without a third party (docs/decisions/033-bots-without-third-parties.md): the sign-up form
// carries a stamp of when the server issued it, signed with a key the platform keeps for itself. A
// submission sooner than MIN_FILL_MS after the form was issued (no person types a hospital's sign-up that
// fast), older than MAX_AGE_MS, without a stamp or with a forged one is refused; so is one that filled the
// hidden honeypot field.
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { encodeBase64urlNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import { platformSecrets } from "~db/schema";
import { withPlatform } from "~db/scope.server";

export const MIN_FILL_MS = 3_000;
export const MAX_AGE_MS = 24 * 60 * 60_000;
export { HONEYPOT_FIELD, STAMP_FIELD } from "./form-fields";
const KEY_NAME = "form-stamp";

let key: Promise<Uint8Array> | undefined;

/** The platform's signing key, made once by whichever process asks first, and shared by all. */
function signingKey(): Promise<Uint8Array> {
  key ??= withPlatform("read the form-stamp key", async (p) => {
    const fresh = encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(32)));
    await p.db.insert(platformSecrets).values({ name: KEY_NAME, value: fresh }).onConflictDoNothing();
    const [row] = await p.db.select({ value: platformSecrets.value }).from(platformSecrets).where(eq(platformSecrets.name, KEY_NAME));
    return new TextEncoder().encode(row!.value);
  }).catch((error: unknown) => {
    key = undefined;
    throw error;
  });
  return key;
}

async function sign(issuedAt: number): Promise<string> {
  return encodeHexLowerCase(hmac(SHA256, await signingKey(), new TextEncoder().encode(`sign-up:${issuedAt}`)));
}

export async function issueFormStamp(now = new Date()): Promise<string> {
  const at = now.getTime();
  return `${at}.${await sign(at)}`;
}

export type StampCheck = "ok" | "too-fast" | "expired" | "invalid";

export async function checkFormStamp(stamp: unknown, now = new Date()): Promise<StampCheck> {
  if (typeof stamp !== "string") return "invalid";
  const match = /^(\d{13})\.([0-9a-f]{64})$/.exec(stamp);
  if (!match) return "invalid";
  const at = Number(match[1]);
  const expected = await sign(at);
  if (!timingSafeEqual(expected, match[2]!)) return "invalid";
  const age = now.getTime() - at;
  if (age < MIN_FILL_MS) return "too-fast";
  if (age > MAX_AGE_MS) return "expired";
  return "ok";
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
