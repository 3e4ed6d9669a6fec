import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUDGET_BYTES, formatTable, measureRoutes } from "./check-bundle-size";

// A client build in miniature: a root, a light route, and a heavy one whose own chunk (random bytes do
// not compress) alone passes the budget; plus one locale chunk per language.
const clientDir = mkdtempSync(join(tmpdir(), "emr-bundle-"));
mkdirSync(join(clientDir, "assets"));
const write = (name: string, content: string | Buffer) => writeFileSync(join(clientDir, "assets", name), content);
write("entry.client-a.js", "export const entry = 1;\n".repeat(100));
write("root-a.js", "export const root = 1;\n");
write("light-a.js", "export const light = 1;\n");
write("heavy-a.js", randomBytes(BUDGET_BYTES + 10_000).toString("base64"));
write("auth-vi.js", `export default ${JSON.stringify({ title: "Đăng nhập" })};`);
write("auth-en.js", `export default ${JSON.stringify({ title: "Sign in".repeat(5000) })};`);
const manifest = {
  entry: { module: "/assets/entry.client-a.js", imports: [] },
  routes: {
    root: { id: "root", module: "/assets/root-a.js", imports: [] },
    "routes/light": { id: "routes/light", parentId: "root", module: "/assets/light-a.js", imports: [] },
    "routes/heavy": { id: "routes/heavy", parentId: "root", module: "/assets/heavy-a.js", imports: [] },
  },
};
write("manifest-0123abcd.js", `window.__remixManifest=${JSON.stringify(manifest)};`);
const viteManifest = {
  "app/locales/vi/auth.json": { file: "assets/auth-vi.js" },
  "app/locales/en/auth.json": { file: "assets/auth-en.js" },
};

afterAll(() => rmSync(clientDir, { recursive: true, force: true }));

describe("the per-page JavaScript budget", () => {
  it("weighs each route with its parents, the entry and its own language's texts, and flags the heavy one", () => {
    const weights = measureRoutes(clientDir, viteManifest, { "routes/light": ["auth"] }, "vi");
    const byRoute = Object.fromEntries(weights.map((w) => [w.route, w]));
    // manifest + entry + root + route (+ the Vietnamese texts for the light route only)
    expect(byRoute["routes/light"]!.files).toBe(5);
    expect(byRoute["routes/heavy"]!.files).toBe(4);
    expect(byRoute["routes/heavy"]!.gzip).toBeGreaterThan(BUDGET_BYTES);
    expect(byRoute["routes/light"]!.gzip).toBeLessThan(BUDGET_BYTES);
    expect(weights[0]!.route).toBe("routes/heavy");
    expect(formatTable(weights)).toMatch(/routes\/heavy .*OVER/);
  });

  it("refuses a route that declares texts the build does not have", () => {
    expect(() => measureRoutes(clientDir, viteManifest, { "routes/light": ["patients"] }, "vi")).toThrow(/patients/);
  });
});
