// The templates this release ships (tenants/templates/*.json), each the latest version of its code.
// Static imports, so the server build and the scripts (tsx) carry the same files; a file that fails the
// schema stops the server at start rather than half-applying later. The test
// (app/templates/templates.test.ts) fails when a file in tenants/templates/ is missing here.
import { createHash } from "node:crypto";
import commune from "../../tenants/templates/commune-health-station.json";
import district from "../../tenants/templates/district-hospital.json";
import polyclinic from "../../tenants/templates/polyclinic.json";
import { templateSchema, type Template } from "./template-schema";

export type RegisteredTemplate = { template: Template; contentHash: string };

/** Parses a template file's content; throws with the file's code when it does not fit the schema. */
export function loadTemplate(raw: unknown): RegisteredTemplate {
  const template = templateSchema.parse(raw);
  const contentHash = createHash("sha256").update(JSON.stringify(raw)).digest("hex");
  return { template, contentHash };
}

export const TEMPLATE_FILES: readonly unknown[] = [district, polyclinic, commune];

let registry: ReadonlyMap<string, RegisteredTemplate> | null = null;

/** Every shipped template by code, in the order a person chooses among them. */
export function templateRegistry(): ReadonlyMap<string, RegisteredTemplate> {
  registry ??= new Map(TEMPLATE_FILES.map((raw) => loadTemplate(raw)).map((r) => [r.template.code, r]));
  return registry;
}

export function findTemplate(code: string): RegisteredTemplate | null {
  return templateRegistry().get(code) ?? null;
}

/** The template the demo hospitals and the tests use (other features rely on its codes). */
export const DISTRICT_TEMPLATE = "district-hospital";

/** Semver order: negative when a is older than b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
