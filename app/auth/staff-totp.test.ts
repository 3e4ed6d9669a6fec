// TOTP and recovery codes for platform staff (decision 055): RFC 6238's SHA-1 test vectors (6 digits),
// the ±1 step window, no replay of a used step, and recovery codes' format and hashing.
import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  matchTotpStep,
  normalizeRecoveryCode,
  normalizeTotpCode,
  totpCodeAt,
  totpStepAt,
  totpUri,
} from "./staff-totp.server";

// RFC 6238 appendix B: the ASCII key "12345678901234567890", in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP", () => {
  it("matches RFC 6238's SHA-1 vectors (last six digits)", () => {
    expect(totpCodeAt(RFC_SECRET, new Date(59_000))).toBe("287082");
    expect(totpCodeAt(RFC_SECRET, new Date(1_111_111_109_000))).toBe("081804");
    expect(totpCodeAt(RFC_SECRET, new Date(1_234_567_890_000))).toBe("005924");
    expect(totpCodeAt(RFC_SECRET, new Date(2_000_000_000_000))).toBe("279037");
  });

  it("accepts the step before, the current one and the one after, once each", () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStepAt(now);
    for (const offset of [-1, 0, 1]) {
      const code = totpCodeAt(RFC_SECRET, new Date(now.getTime() + offset * 30_000));
      expect(matchTotpStep(RFC_SECRET, code, now, null)).toBe(step + offset);
      // Once a step is used, it and every earlier step are refused.
      expect(matchTotpStep(RFC_SECRET, code, now, step + offset)).toBeNull();
    }
    expect(matchTotpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, new Date(now.getTime() + 60_000)), now, null)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, new Date(now.getTime() - 60_000)), now, null)).toBeNull();
  });

  it("makes 20-byte secrets and an otpauth URI for issuer EMR", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpUri(secret, "a@vendor.vn")).toBe(`otpauth://totp/EMR:a%40vendor.vn?issuer=EMR&algorithm=SHA1&secret=${secret}&period=30&digits=6`);
  });

  it("reads codes as people type them", () => {
    expect(normalizeTotpCode(" 123 456 ")).toBe("123456");
    expect(normalizeTotpCode("12345")).toBeNull();
    expect(normalizeTotpCode("12345a")).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes whose hash ignores case, spaces and dashes", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
      expect(hashRecoveryCode(code.toUpperCase().replace("-", " "))).toBe(hashRecoveryCode(code));
      expect(hashRecoveryCode(code)).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(normalizeRecoveryCode("not a code")).toBeNull();
  });
});
