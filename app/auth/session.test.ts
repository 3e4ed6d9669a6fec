import { describe, expect, it } from "vitest";
import {
  generateSessionToken,
  hashSessionToken,
  isWellFormedSessionToken,
  readSessionToken,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  sessionCookieName,
} from "./session.server";

function attributesOf(setCookie: string): { name: string; value: string; attributes: Map<string, string> } {
  const [pair = "", ...rest] = setCookie.split("; ");
  const eq = pair.indexOf("=");
  const attributes = new Map<string, string>();
  for (const part of rest) {
    const [key = "", value = ""] = part.split("=");
    attributes.set(key.toLowerCase(), value);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

describe("session tokens", () => {
  it("are 32 base32 characters (20 random bytes) and differ every time", () => {
    const tokens = new Set(Array.from({ length: 50 }, () => generateSessionToken()));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[a-z2-7]{32}$/);
      expect(isWellFormedSessionToken(token)).toBe(true);
    }
  });

  it("are stored as their SHA-256 in hex, never as themselves", () => {
    const token = generateSessionToken();
    const id = hashSessionToken(token);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).not.toContain(token);
    expect(hashSessionToken(token)).toBe(id);
    expect(hashSessionToken(generateSessionToken())).not.toBe(id);
  });

  it("hash to the known SHA-256 of a fixed input", () => {
    expect(hashSessionToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("reject garbage as malformed", () => {
    for (const garbage of ["", "x", "A".repeat(32), `${generateSessionToken()}=`, "%E0%A4%A", "../../etc/passwd", "a".repeat(33)]) {
      expect(isWellFormedSessionToken(garbage)).toBe(false);
    }
  });
});

describe("the session cookie", () => {
  it("in production is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/, with no Domain and no Max-Age", () => {
    const token = generateSessionToken();
    const { name, value, attributes } = attributesOf(serializeSessionCookie(token, true));
    expect(name).toBe("__Host-emr_session");
    expect(value).toBe(token);
    expect(attributes.has("secure")).toBe(true);
    expect(attributes.has("httponly")).toBe(true);
    expect(attributes.get("samesite")).toBe("Lax");
    expect(attributes.get("path")).toBe("/");
    expect(attributes.has("domain")).toBe(false);
    expect(attributes.has("max-age")).toBe(false);
    expect(attributes.has("expires")).toBe(false);
  });

  it("in development has a plain name and no Secure flag (plain http on localhost), still HttpOnly and Lax", () => {
    const { name, attributes } = attributesOf(serializeSessionCookie(generateSessionToken(), false));
    expect(name).toBe("emr_session");
    expect(attributes.has("secure")).toBe(false);
    expect(attributes.has("httponly")).toBe(true);
    expect(attributes.get("samesite")).toBe("Lax");
    expect(attributes.get("path")).toBe("/");
  });

  it("is blanked with the same name and attributes and Max-Age=0", () => {
    for (const production of [true, false]) {
      const { name, value, attributes } = attributesOf(serializeBlankSessionCookie(production));
      expect(name).toBe(sessionCookieName(production));
      expect(value).toBe("");
      expect(attributes.get("max-age")).toBe("0");
      expect(attributes.has("secure")).toBe(production);
      expect(attributes.get("path")).toBe("/");
    }
  });

  it("is read from a header among other cookies, and garbage does not throw", () => {
    const token = generateSessionToken();
    const request = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });
    expect(readSessionToken(request(`lng=vi; emr_session=${token}; other=1`), false)).toBe(token);
    expect(readSessionToken(request(`__Host-emr_session=${token}`), true)).toBe(token);
    expect(readSessionToken(request(`__Host-emr_session=${token}`), false)).toBeNull();
    expect(readSessionToken(new Request("http://localhost/"), false)).toBeNull();
    expect(() => readSessionToken(request("emr_session=%E0%A4%A; ;;=; ="), false)).not.toThrow();
  });
});
