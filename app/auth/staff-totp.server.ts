// TOTP and recovery codes for platform staff (decision 055): RFC 6238 with the authenticator apps'
// defaults (SHA-1, 30-second steps, 6 digits), a 20-byte secret, and a code accepted in the step before,
// the current one or the one after (clocks drift). Each accepted step is remembered, so a code cannot be
// used twice. Ten recovery codes, shown once; only their SHA-256 is kept, and each works once.
import { sha256 } from "@oslojs/crypto/sha2";
import { decodeBase32IgnorePadding, encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from "@oslojs/otp";
import QRCode from "qrcode";

export const TOTP_ISSUER = "EMR";
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

/** A fresh shared secret, as the base32 text an authenticator app accepts typed in. */
export function generateTotpSecret(): string {
  return encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

function keyOf(secret: string): Uint8Array {
  return decodeBase32IgnorePadding(secret.replace(/\s+/g, "").toUpperCase());
}

/** The otpauth:// URI a QR code carries: issuer "EMR", the account's e-mail. */
export function totpUri(secret: string, email: string): string {
  return createTOTPKeyURI(TOTP_ISSUER, email, keyOf(secret), TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / (TOTP_PERIOD_SECONDS * 1000));
}

/** The code for a step (tests, the demo's documentation). */
export function totpCodeAt(secret: string, now: Date): string {
  return generateHOTP(keyOf(secret), BigInt(totpStepAt(now)), TOTP_DIGITS);
}

/** A 6-digit code as typed: spaces allowed ("123 456"). Null when it is not one. */
export function normalizeTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The step at which `code` is valid, among the one before, the current one and the one after `now`, and
 * later than `lastStep` (a step already used is never accepted again); null when none.
 */
export function matchTotpStep(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  const key = keyOf(secret);
  const current = totpStepAt(now);
  for (const step of [current - 1, current, current + 1]) {
    if (lastStep !== null && step <= lastStep) continue;
    if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) return step;
  }
  return null;
}

/** Ten codes like "k7d2m-9xq4a": 50 random bits each. */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(7))).slice(0, 10);
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

/** A recovery code as typed, without case, spaces or dashes; null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toLowerCase();
  return /^[a-z2-7]{10}$/.test(code) ? code : null;
}

export function hashRecoveryCode(code: string): string {
  const normalized = normalizeRecoveryCode(code) ?? code;
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalized)));
}

/** The QR code of an otpauth:// URI, as an SVG data URL for an <img> (server-rendered, no script). */
export async function totpQrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
